package org.rnnlab.trainer.internal;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.trainer.internal.model.Parameter;

/**
 * Held-out evaluations every {@code eval.every} steps, kept in the run's history, and the two
 * policies decided on them or on the training loss: early stopping and the plateau schedule.
 * Their counters live in the run's memory and the best parameters in its statistics, so all of
 * it survives a checkpoint exactly.
 * <ul>
 * <li>Early stopping (Keras' EarlyStopping, Lightning's EarlyStopping): an improvement is a
 * monitored loss below best − min_delta; after {@code patience} checks without one the run
 * finishes, with the best check's parameters put back when {@code restore=best}.</li>
 * <li>Plateau (torch.optim.lr_scheduler.ReduceLROnPlateau, mode min, relative threshold): an
 * improvement is a held-out loss below best · (1 − threshold); after more than {@code patience}
 * checks without one the rate is multiplied by {@code factor} (not below {@code min_lr}) and
 * the count starts again.</li>
 * </ul>
 */
final class Validator {
    private Validator() {
    }

    /** What a step's check gave: the evaluation (null when none was due) and why the run stops (or null). */
    record Check(Evaluation evaluation, String stop) {
        static final Check NONE = new Check(null, null);
    }

    /** After a step: accumulates, and at a check evaluates, records and decides. */
    static Check afterStep(TrainingState state, Evaluator evaluator, String run) {
        RunSpec.Validation v = state.spec.validation();
        if (!v.enabled()) {
            return Check.NONE;
        }
        state.memory.merge("monitor.sum", state.loss, Double::sum);
        state.memory.merge("monitor.count", 1.0, Double::sum);
        if (state.step % v.every() != 0) {
            return Check.NONE;
        }
        double trainLoss = state.memory.remove("monitor.sum") / state.memory.remove("monitor.count");
        Evaluation evaluation = evaluator.evaluate(run);
        state.history.add(evaluation);
        if (v.plateau() != null) {
            plateau(state, v.plateau(), evaluation.loss());
        }
        RunSpec.EarlyStop stop = v.earlyStop();
        return new Check(evaluation, stop == null ? null
                : earlyStop(state, stop, stop.heldOut() ? evaluation.loss() : trainLoss, v.every()));
    }

    private static void plateau(TrainingState state, RunSpec.Plateau p, double loss) {
        double best = state.memory.getOrDefault("plateau.best", Double.POSITIVE_INFINITY);
        if (loss < best * (1 - p.threshold())) {
            state.memory.put("plateau.best", loss);
            state.memory.put("plateau.wait", 0.0);
            return;
        }
        double wait = state.memory.getOrDefault("plateau.wait", 0.0) + 1;
        state.memory.put("plateau.wait", wait);
        if (wait > p.patience()) {
            double rate = state.learningRate();
            double lowered = Math.max(rate * p.factor(), p.minLr());
            if (rate - lowered > 1e-8 * rate) { // PyTorch's eps: changes smaller than that are skipped
                state.learningRateFactor *= lowered / rate;
            }
            state.memory.put("plateau.wait", 0.0);
        }
    }

    private static String earlyStop(TrainingState state, RunSpec.EarlyStop stop, double loss, int every) {
        double best = state.memory.getOrDefault("early.best", Double.POSITIVE_INFINITY);
        if (loss < best - stop.minDelta()) {
            state.memory.put("early.best", loss);
            state.memory.put("early.best.step", (double) state.step);
            state.memory.put("early.wait", 0.0);
            if (stop.restoreBest()) {
                List<Parameter> params = state.network.parameters();
                for (int i = 0; i < params.size(); i++) {
                    state.bestParameters[i].setTo(params.get(i).value());
                }
            }
            return null;
        }
        double wait = state.memory.getOrDefault("early.wait", 0.0) + 1;
        state.memory.put("early.wait", wait);
        if (wait < stop.patience()) {
            return null;
        }
        long bestStep = state.memory.getOrDefault("early.best.step", 0.0).longValue();
        String restored = "";
        if (stop.restoreBest() && Double.isFinite(best)) {
            List<Parameter> params = state.network.parameters();
            for (int i = 0; i < params.size(); i++) {
                params.get(i).value().setTo(state.bestParameters[i]);
            }
            restored = "; parameters restored from step " + bestStep;
        }
        return "stopped early at step " + state.step + ": the " + (stop.heldOut() ? "held-out" : "training")
                + " loss did not fall by more than " + stop.minDelta() + " in " + stop.patience() + " checks, "
                + every + " steps apart; best " + String.format("%.4g", best) + " at step " + bestStep + restored;
    }

    /** A started run gets {@code patience} fresh checks. */
    static void restart(TrainingState state) {
        if (state.memory.containsKey("early.wait")) {
            state.memory.put("early.wait", 0.0);
        }
    }

    static DMatrixRMaj[] newBest(List<Parameter> params) {
        DMatrixRMaj[] best = new DMatrixRMaj[params.size()];
        for (int i = 0; i < best.length; i++) {
            best[i] = params.get(i).value().copy();
        }
        return best;
    }
}
