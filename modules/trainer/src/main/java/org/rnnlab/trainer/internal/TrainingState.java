package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Parameter;

/**
 * The state a checkpoint holds (principle 1: a run is its checkpoint): the spec and the
 * components composed from it, the network's parameters, the optimizer's slots, the remedies'
 * reports (their memory), the ridge readout's sums, the hidden state carried into the next
 * batch, the generator, the counters, the learning-rate factor and the rollback points.
 * {@link #snapshot()} copies all of it and {@link #restore} puts it back, so save → load
 * continues bit for bit. The step itself is {@link TrainingStep}; changes are
 * {@link LiveChange}. Not thread-safe: its {@link Run} serializes access.
 */
final class TrainingState {
    RunSpec spec;
    Composition composition;
    final Network network;
    /** Optimizer state per parameter, in the order of the rule's slots. */
    DMatrixRMaj[][] slots;
    /** Each remedy's report (and memory), by remedy name. */
    final Map<String, Map<String, Double>> reports = new LinkedHashMap<>();
    /** The closed-form head's running sums, when the spec asks for readout=ridge. */
    RidgeReadout ridge;
    /** The forward state carried into the next batch, for tasks whose batches continue each other. */
    DMatrixRMaj[][] carried;
    /** What the cells reported when they were initialized (e.g. a reservoir's spectral radius). */
    final Map<String, String> facts = new LinkedHashMap<>();
    final Xoshiro256 trainRng;
    long step;
    long batchIndex;
    /** Optimizer updates applied: one per window with a loss; the schedule's clock. */
    long updates;
    /**
     * The step the run was training towards when this state was saved, kept while it lies ahead
     * (0: none): a recovered run's rnn:start or rnn:resume goes on to it, as if never stopped.
     */
    long interruptedTarget;
    /** Multiplies the optimizer's rate: lowered by a guard's backoff or the plateau schedule. */
    double learningRateFactor = 1;
    final Rollbacks rollbacks = new Rollbacks();
    /** The parameters of early stopping's best check, when it restores them ({@code restore=best}); else null. */
    DMatrixRMaj[] bestParameters;
    /** The held-out evaluations made every eval.every steps, oldest first. */
    final List<Evaluation> history = new ArrayList<>();
    /** Counters of the trainer's own policies (early stopping, plateau), by name. */
    final Map<String, Double> memory = new LinkedHashMap<>();
    double loss = Double.NaN;
    double metric = Double.NaN;
    double gradientNorm = Double.NaN;
    /** Bumped whenever the spec or composition changes, so buffers sized from them are rebuilt. */
    int version;
    /** Which component the run is calling, for messages when one misbehaves. */
    final Blame blame = new Blame();

    private TrainingState(RunSpec spec, Composition composition, Network network) {
        this.spec = spec;
        this.composition = composition;
        this.network = network;
        this.trainRng = Xoshiro256.stream(spec.seed(), "train");
        network.parallelize(composition.threads);
        this.slots = freshSlots();
        composition.remedies.forEach(r -> reports.put(r.name(), new LinkedHashMap<>()));
        sizeForSpec();
    }

    /** A new run's state: components composed, parameters initialized from the seed. */
    static TrainingState create(RunSpec spec, Registry registry) {
        Composition composition = Composition.of(spec, registry);
        var initializers = Composition.initializers(spec, registry);
        Network network = new Network(composition.cells, spec.layers(), spec.bidirectional() ? 2 : 1,
                composition.task.outputSize(), composition.backend);
        Map<String, String> facts = new Blame().call(composition.cellLabel + " or an initializer",
                () -> network.initialize(initializers, Xoshiro256.stream(spec.seed(), "init")));
        TrainingState state = new TrainingState(spec, composition, network);
        state.facts.putAll(facts);
        return state;
    }

    List<SlotSpec> slotSpecs() {
        return composition.rule.slots();
    }

    Set<String> uses() {
        return composition.uses();
    }

    /** The learning rate of the next update: the rule's schedule times the run's factor. */
    double learningRate() {
        return blame.call(composition.optimizerLabel, () -> composition.rule.learningRate(updates)) * learningRateFactor;
    }

    /** Adopts a new spec and composition (a live change), keeping the parameters. */
    void adopt(RunSpec next, Composition composed, DMatrixRMaj[][] migratedSlots) {
        if (migratedSlots != slots) {
            rollbacks.clear(); // their slots belong to the old optimizer
        }
        slots = migratedSlots;
        Map<String, Map<String, Double>> kept = new LinkedHashMap<>();
        composed.remedies.forEach(r -> kept.put(r.name(), reports.getOrDefault(r.name(), new LinkedHashMap<>())));
        reports.clear();
        reports.putAll(kept);
        network.rebind(composed.cells, composed.backend);
        network.parallelize(composed.threads);
        spec = next;
        composition = composed;
        sizeForSpec();
        version++;
    }

    /** Sizes what depends on the spec: the carried state, the ridge sums, the rollback policy. */
    private void sizeForSpec() {
        var task = composition.task;
        if (carried == null || carried[0][0].numRows != spec.batch()) {
            carried = network.newState(spec.batch());
        }
        int positions = task.readout() == Readout.LAST ? spec.batch() : spec.batch() * task.length();
        int features = network.directions * network.hidden;
        boolean keep = ridge != null && ridge.fits(features, network.outputSize, positions);
        ridge = !spec.ridge() ? null : keep ? ridge : new RidgeReadout(features, network.outputSize, positions);
        rollbacks.configure(composition.rollback());
        RunSpec.EarlyStop stop = spec.validation().earlyStop();
        if (stop == null || !stop.restoreBest()) {
            bestParameters = null;
        } else if (bestParameters == null) {
            bestParameters = Validator.newBest(network.parameters());
        }
    }

    private DMatrixRMaj[][] freshSlots() {
        List<Parameter> params = network.parameters();
        DMatrixRMaj[][] fresh = new DMatrixRMaj[params.size()][];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = LiveChange.newSlots(params.get(i).spec(), composition.rule.slots(), null, null);
        }
        return fresh;
    }

    /** Accumulated matrices beyond parameters and slots, by name: ridge sums and the carried state. */
    private Map<String, DMatrixRMaj> statistics() {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        if (ridge != null) {
            out.put("ridge.gram", ridge.gram());
            out.put("ridge.cross", ridge.cross());
        }
        for (int l = 0; l < carried.length; l++) {
            for (int c = 0; c < carried[l].length; c++) {
                out.put("carried." + l + "." + c, carried[l][c]);
            }
        }
        if (bestParameters != null) {
            List<Parameter> params = network.parameters();
            for (int i = 0; i < params.size(); i++) {
                out.put("best." + params.get(i).name(), bestParameters[i]);
            }
        }
        return out;
    }

    /** A copy of everything a checkpoint holds; the run may train on while it is written. */
    Snapshot snapshot() {
        Map<String, DMatrixRMaj> params = new LinkedHashMap<>();
        network.parameters().forEach(p -> params.put(p.name(), p.value().copy()));
        List<DMatrixRMaj[]> slotCopies = new ArrayList<>();
        for (DMatrixRMaj[] perParam : slots) {
            slotCopies.add(Snapshot.copy(perParam));
        }
        Map<String, DMatrixRMaj> statistics = new LinkedHashMap<>();
        statistics().forEach((k, v) -> statistics.put(k, v.copy()));
        Map<String, Double> mem = new LinkedHashMap<>(memory);
        mem.put("lr.factor", learningRateFactor);
        mem.put("loss", loss);
        mem.put("metric", metric);
        mem.put("gradient.norm", gradientNorm);
        mem.put("rollback.started", rollbacks.started ? 1.0 : 0.0);
        if (interruptedTarget > step) {
            mem.put("run.target", (double) interruptedTarget);
        }
        return new Snapshot(new LinkedHashMap<>(spec.raw()), step, batchIndex, updates, trainRng.state(), params,
                List.copyOf(slotSpecs()), slotCopies, Snapshot.copyReports(reports), statistics, mem,
                rollbacks.points(), List.copyOf(history));
    }

    /** Puts a snapshot of a run of the same spec into this freshly composed state. */
    void restore(Snapshot saved, Object source) {
        List<Parameter> params = network.parameters();
        if (params.size() != saved.parameters().size()) {
            throw new RnnlabException("checkpoint " + source + " has " + saved.parameters().size()
                    + " parameters, its spec makes " + params.size());
        }
        for (Parameter p : params) {
            requireShape(source, "parameter " + p.name(), saved.parameters().get(p.name()), p.value());
        }
        if (!saved.slotSpecs().equals(slotSpecs())) {
            throw new RnnlabException("checkpoint " + source + " has optimizer slots " + saved.slotSpecs()
                    + ", the optimizer has " + slotSpecs());
        }
        Map<String, DMatrixRMaj> expected = statistics();
        for (Map.Entry<String, DMatrixRMaj> s : saved.statistics().entrySet()) {
            requireShape(source, s.getKey(), s.getValue(), expected.get(s.getKey()));
        }
        if (ridge != null && !saved.statistics().containsKey("ridge.gram")) {
            throw new RnnlabException("checkpoint " + source + " lacks the ridge readout's sums");
        }
        if (saved.slots().size() != params.size()) {
            throw new RnnlabException("checkpoint " + source + " has optimizer slots for " + saved.slots().size()
                    + " parameters, the model has " + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            for (int s = 0; s < slots[i].length; s++) {
                requireShape(source, "slot " + saved.slotSpecs().get(s).name(), saved.slots().get(i)[s], slots[i][s]);
            }
        }
        rollbacks.restore(saved.rollbacks(), params, slots); // validates first, so a bad point changes nothing
        history.clear();
        history.addAll(saved.history());
        for (int i = 0; i < params.size(); i++) {
            params.get(i).value().setTo(saved.parameters().get(params.get(i).name()));
            for (int s = 0; s < slots[i].length; s++) {
                slots[i][s].setTo(saved.slots().get(i)[s]);
            }
        }
        saved.statistics().forEach((name, value) -> expected.get(name).setTo(value));
        trainRng.restore(saved.rng());
        step = saved.step();
        batchIndex = saved.batchIndex();
        updates = saved.updates();
        reports.clear();
        reports.putAll(Snapshot.copyReports(saved.reports()));
        memory.clear();
        interruptedTarget = 0;
        saved.memory().forEach((k, v) -> {
            switch (k) {
                case "lr.factor" -> learningRateFactor = v;
                case "loss" -> loss = v;
                case "metric" -> metric = v;
                case "gradient.norm" -> gradientNorm = v;
                case "rollback.started" -> rollbacks.started = v != 0;
                case "run.target" -> interruptedTarget = v > step && v == Math.rint(v) ? (long) (double) v : 0;
                default -> memory.put(k, v);
            }
        });
    }

    /**
     * Returns to a rollback point: the newest whose held-out loss is finite and at most twice
     * the lowest among the points (the step just before an explosion may evaluate to a finite
     * 1e292: finite, but no place to continue from). That point and newer ones are used up, so
     * a run that explodes again before the next point goes further back. Zeroes the carried
     * state (it may hold the explosion) and multiplies the learning-rate factor by
     * {@code factor}; returns what it did, for people.
     */
    String rollBack(double factor, Evaluator evaluator, String run) {
        List<Snapshot.RollbackPoint> candidates = rollbacks.newestFirst();
        if (candidates.isEmpty()) {
            return "no rollback point was kept; the parameters are those of the last finite step";
        }
        double[] losses = new double[candidates.size()];
        double lowest = Double.POSITIVE_INFINITY;
        for (int c = 0; c < candidates.size(); c++) {
            returnTo(candidates.get(c));
            losses[c] = evaluator.evaluate(run).loss();
            if (Double.isFinite(losses[c])) {
                lowest = Math.min(lowest, losses[c]);
            }
        }
        for (int c = 0; c < candidates.size(); c++) {
            if (Double.isFinite(losses[c]) && losses[c] <= 2 * lowest) {
                Snapshot.RollbackPoint point = candidates.get(c);
                returnTo(point);
                rollbacks.useUp(point.step());
                learningRateFactor *= factor;
                return "rolled back to the parameters and optimizer state of step " + point.step() + " (held-out loss "
                        + String.format("%.4g", losses[c]) + (factor < 1 ? "; learning rate now x" + learningRateFactor : "")
                        + ")";
            }
        }
        return "no rollback point evaluates to a finite loss; kept the oldest, of step " + candidates.get(candidates.size() - 1).step();
    }

    private void returnTo(Snapshot.RollbackPoint point) {
        List<Parameter> params = network.parameters();
        for (int i = 0; i < params.size(); i++) {
            params.get(i).value().setTo(point.parameters().get(i));
            for (int s = 0; s < slots[i].length; s++) {
                slots[i][s].setTo(point.slots().get(i)[s]);
            }
        }
        TrainingStep.copyState(null, carried);
    }

    private static void requireShape(Object source, String what, DMatrixRMaj saved, DMatrixRMaj target) {
        if (saved != null && target != null && (saved.numRows != target.numRows || saved.numCols != target.numCols)) {
            // the spec rebuilt the model with other sizes: the task's data (a text file's alphabet) changed since the save
            throw new RnnlabException("checkpoint " + source + ": " + what + " is " + saved.numRows + "x" + saved.numCols
                    + " there, but the model its spec builds now has " + target.numRows + "x" + target.numCols
                    + " (has the task's data changed since the save? a text task's symbols are its file's characters); "
                    + "nothing was loaded");
        }
        if (saved == null || target == null) {
            throw new RnnlabException("checkpoint " + source + ": " + what + " is missing or unexpected; nothing was loaded");
        }
    }

    private long parameterCount() {
        return network.parameters().stream().mapToLong(p -> p.spec().size()).sum();
    }

    RunStatus status(String name, RunState state, long target, String message, double stepsPerSecond) {
        return new RunStatus(name, state, spec.effective(), step, target, loss, metric,
                composition.task.metricName(), gradientNorm, stepsPerSecond, Reports.copy(reports), message,
                parameterCount());
    }
}
