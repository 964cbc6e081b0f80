package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Workspace;
import org.rnnlab.trainer.internal.model.Gradients;

/**
 * What a step report carries beyond loss and metric: per-layer gradient norms, ‖dL/dh_t‖
 * through the last window, and the training rate. The rate is measured here, per run and not
 * checkpointed: it describes this process, not the run.
 */
final class StepDiagnostics {
    private double stepsPerSecond = Double.NaN;
    private long intervalStart = System.nanoTime();
    private long intervalSteps;

    double stepsPerSecond() {
        return stepsPerSecond;
    }

    /** Restarts the rate's interval, e.g. when training starts again after a pause. */
    void restart() {
        intervalStart = System.nanoTime();
        intervalSteps = 0;
    }

    StepReport measure(TrainingState state, String run, boolean reportNow, double[] layerNorms, Workspace train,
            org.rnnlab.api.trainer.Diagnostics diagnostics) {
        intervalSteps++;
        long now = System.nanoTime();
        if (reportNow || now - intervalStart > 500_000_000L) { // status shows a fresh rate between reports too
            stepsPerSecond = intervalSteps / Math.max((now - intervalStart) / 1e9, 1e-9);
            intervalStart = now;
            intervalSteps = 0;
        }
        if (!reportNow) {
            return null;
        }
        return new StepReport(run, state.step, state.loss, state.metric, state.gradientNorm,
                layerNorms == null ? new double[0] : layerNorms,
                train == null ? new double[0] : FlowDiagnostics.hiddenGradientNorms(train.traces[0][0]), stepsPerSecond,
                stepsPerSecond * state.spec.batch() * state.composition.task.length(), Reports.copy(state.reports),
                diagnostics, null, nextRate(state));
    }

    /** The report of a step after which the run evaluated held out: the step's own, or a short one. */
    StepReport withEvaluation(StepReport report, TrainingState state, String run, org.rnnlab.api.trainer.Evaluation made) {
        StepReport base = report != null ? report : new StepReport(run, state.step, state.loss, state.metric,
                state.gradientNorm, new double[0], new double[0], stepsPerSecond,
                stepsPerSecond * state.spec.batch() * state.composition.task.length(), Reports.copy(state.reports),
                null, null, nextRate(state));
        return base.withEvaluation(made);
    }

    /** The rate of the next update, for the progress line (NaN for a run whose head is fitted in closed form). */
    private static double nextRate(TrainingState state) {
        return state.ridge != null ? Double.NaN : state.learningRate();
    }

    /** The L2 norm of each unit's parameter gradients (layers, directions), then the head's. */
    static double[] layerNorms(Network network) {
        List<Double> norms = new ArrayList<>();
        for (Network.Unit[] layer : network.units) {
            for (Network.Unit unit : layer) {
                double sum = 0;
                for (DMatrixRMaj g : unit.grads) {
                    sum += Gradients.sumOfSquares(g);
                }
                norms.add(Math.sqrt(sum));
            }
        }
        norms.add(Math.sqrt(Gradients.sumOfSquares(network.headWeight.gradient())
                + Gradients.sumOfSquares(network.headBias.gradient())));
        return norms.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
