package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Truncation;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.core.random.Xoshiro256;

/**
 * Everything a run knows, and one training step over it: a task batch, processed in windows
 * (the whole sequence, or the windows of truncated BPTT), each window forward → loss →
 * backward → loss remedies (penalties) → gradient remedies (clipping) → optimizer update. Not
 * thread-safe: its {@link Run} serializes access. A checkpoint is exactly this state.
 */
final class TrainingState {
    private RunSpec spec;
    private Composition composition;
    private final Network network;
    private Workspace train;
    private Workspace eval;
    private Batch trainBatch;
    private Batch windowBatch;
    private Batch evalBatch;
    /** The forward state at every window boundary of the current batch (index w: after w windows). */
    private DMatrixRMaj[][][] boundaries;
    /** The state carried into the next batch, for tasks whose batches continue each other. */
    private DMatrixRMaj[][] carried;
    private Gradients gradients;
    /** Optimizer state per parameter, in the order of the rule's slots. */
    private DMatrixRMaj[][] slots;
    /** Each remedy's report (and memory), by remedy name. */
    private final Map<String, Map<String, Double>> reports = new LinkedHashMap<>();
    /** The closed-form head's running sums, when the spec asks for readout=ridge. */
    private RidgeReadout ridge;
    /** What the cells reported when they were initialized (e.g. a reservoir's spectral radius). */
    final Map<String, String> facts = new LinkedHashMap<>();
    final Xoshiro256 trainRng;
    long step;
    long batchIndex;
    /** Optimizer updates applied: one per window with a loss; the schedule's clock. */
    long updates;

    private double loss = Double.NaN;
    private double metric = Double.NaN;
    private double gradientNorm = Double.NaN;
    private double stepsPerSecond = Double.NaN;
    private long intervalStart = System.nanoTime();
    private long intervalSteps;

    private TrainingState(RunSpec spec, Composition composition, Network network) {
        this.spec = spec;
        this.composition = composition;
        this.network = network;
        this.trainRng = Xoshiro256.stream(spec.seed(), "train");
        network.parallelize(composition.pool);
        this.slots = freshSlots();
        allocate();
        composition.remedies.forEach(r -> reports.put(r.name(), new LinkedHashMap<>()));
    }

    /** A new run's state: components composed, parameters initialized from the seed. */
    static TrainingState create(RunSpec spec, Registry registry) {
        Composition composition = Composition.of(spec, registry);
        var initializers = Composition.initializers(spec, registry);
        Network network = new Network(composition.cells, spec.layers(), spec.bidirectional() ? 2 : 1,
                composition.task.outputSize(), composition.backend);
        Map<String, String> facts = network.initialize(initializers, Xoshiro256.stream(spec.seed(), "init"));
        TrainingState state = new TrainingState(spec, composition, network);
        state.facts.putAll(facts);
        return state;
    }

    RunSpec spec() {
        return spec;
    }

    long step() {
        return step;
    }

    Network network() {
        return network;
    }

    List<SlotSpec> slotSpecs() {
        return composition.rule.slots();
    }

    DMatrixRMaj[][] slots() {
        return slots;
    }

    Map<String, Map<String, Double>> reports() {
        return reports;
    }

    Set<String> uses() {
        return composition.uses();
    }

    private void allocate() {
        TaskSession task = composition.task;
        if (task.readout() == Readout.EVERY && spec.washout() >= task.length()) {
            throw new RnnlabException("washout=" + spec.washout() + " leaves no target in sequences of " + task.length()
                    + " steps; accepted: 0 to " + (task.length() - 1));
        }
        Windows windows = windows();
        train = new Workspace(network, spec.batch(), windows.capacity(), task.readout());
        eval = new Workspace(network, spec.batch(), task.length(), task.readout());
        trainBatch = newBatch(task, task.length());
        windowBatch = windows.capacity() == task.length() ? trainBatch : newBatch(task, windows.capacity());
        evalBatch = newBatch(task, task.length());
        boundaries = new DMatrixRMaj[windows.count() + 1][][];
        for (int w = 0; w < boundaries.length; w++) {
            boundaries[w] = train.newState();
        }
        carried = train.newState();
        gradients = new Gradients(network, train);
        int positions = task.readout() == Readout.LAST ? spec.batch() : spec.batch() * task.length();
        int features = network.directions * network.hidden;
        boolean keep = ridge != null && ridge.fits(features, network.outputSize, positions);
        ridge = !spec.ridge() ? null : keep ? ridge : new RidgeReadout(features, network.outputSize, positions);
    }

    /** Accumulated data beyond parameters and slots, by name, for checkpoints: the ridge sums. */
    Map<String, DMatrixRMaj> statistics() {
        return ridge == null ? Map.of() : Map.of("ridge.gram", ridge.gram(), "ridge.cross", ridge.cross());
    }

    /** Washout: the first steps of every sequence carry no target (the state is still settling). */
    private void washOut(Batch batch) {
        if (spec.washout() > 0 && composition.task.readout() == Readout.EVERY) {
            java.util.Arrays.fill(batch.mask(), 0, Math.min(spec.washout(), batch.steps()) * batch.batch(), 0.0);
        }
    }

    private Batch newBatch(TaskSession task, int steps) {
        return new Batch(spec.batch(), steps, task.inputSize(), task.outputSize(), task.loss(), task.readout());
    }

    /**
     * How a sequence of the task's length is cut: windows end every k1 steps (and at the end);
     * each starts {@code back} windows earlier, i.e. gradients flow back k2 = back * k1 steps.
     * Without truncation: one window, the whole sequence.
     */
    private record Windows(int k1, int back, int count, int capacity) {
    }

    private Windows windows() {
        int length = composition.task.length();
        Truncation truncation = composition.truncation;
        if (truncation == null || truncation.k1() >= length) {
            return new Windows(length, 1, 1, length);
        }
        int k1 = truncation.k1();
        int back = truncation.k2() / k1;
        return new Windows(k1, back, (length + k1 - 1) / k1, Math.min(length, back * k1));
    }

    private DMatrixRMaj[][] freshSlots() {
        List<Parameter> params = network.parameters();
        DMatrixRMaj[][] fresh = new DMatrixRMaj[params.size()][];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = newSlots(params.get(i).spec(), composition.rule.slots(), null, null);
        }
        return fresh;
    }

    /** Slots for a parameter; those the previous rule also had (same name and kind) carry over. */
    private static DMatrixRMaj[] newSlots(ParameterSpec param, List<SlotSpec> wanted, List<SlotSpec> had,
            DMatrixRMaj[] old) {
        DMatrixRMaj[] out = new DMatrixRMaj[wanted.size()];
        for (int s = 0; s < out.length; s++) {
            int previous = had == null ? -1 : had.indexOf(wanted.get(s));
            out[s] = previous >= 0 ? old[previous]
                    : wanted.get(s).scalar() ? new DMatrixRMaj(1, 1) : new DMatrixRMaj(param.rows(), param.cols());
        }
        return out;
    }

    /** One batch (one update per window with a loss); returns a report when this step is one to report. */
    StepReport trainStep(String run, long target) {
        TaskSession task = composition.task;
        task.fill(trainBatch, Split.TRAIN, batchIndex++, trainRng);
        washOut(trainBatch);
        if (ridge != null) {
            return ridgeStep(run, target);
        }
        Windows windows = windows();
        int length = task.length();
        copyState(task.continuous() ? carried : null, boundaries[0]);
        boolean reportNow = (step + 1) % spec.report() == 0 || step + 1 == target;
        double[] layerNorms = null;
        double lossSum = 0;
        double metricSum = 0;
        double weight = 0;
        double norm = Double.NaN;
        for (int w = 1; w <= windows.count(); w++) {
            int end = Math.min(w * windows.k1(), length);
            int first = Math.max(0, w - windows.back());
            int start = first * windows.k1();
            train.window(end - start);
            train.startFrom(boundaries[first]);
            Batch window = cut(start, end, (w - 1) * windows.k1());
            network.forward(train, window.inputs(), task.readout());
            train.saveFinalState(boundaries[w]);
            if (task.readout() == Readout.LAST && end < length) {
                continue; // no target in this window: nothing to learn from it
            }
            network.zeroGradients();
            Objective.Score score = Objective.score(task.loss(), train.predictions, window, train.predictionGradient);
            network.backward(train, task.readout());
            norm = gradients.norm();
            if (reportNow && end == length) {
                layerNorms = layerNorms();
            }
            double total = applyRemedies(score.loss(), norm);
            lossSum += total * score.weight();
            metricSum += score.metric() * score.weight();
            weight += score.weight();
        }
        step++;
        if (task.continuous()) {
            copyState(boundaries[windows.count()], carried);
        }
        loss = lossSum / weight;
        metric = metricSum / weight;
        gradientNorm = norm;
        return measure(run, reportNow, layerNorms);
    }

    /** One batch for the closed-form head: forward, add to the sums, refit, score the refitted head. */
    private StepReport ridgeStep(String run, long target) {
        TaskSession task = composition.task;
        copyState(task.continuous() ? carried : null, boundaries[0]);
        train.window(task.length());
        train.startFrom(boundaries[0]);
        network.forward(train, trainBatch.inputs(), task.readout());
        ridge.accumulate(train.output(network.layers() - 1), network.featureOffset(train, task.readout()),
                train.predictions.numRows, trainBatch);
        ridge.solve(spec.ridgeLambda(), network.headWeight.value(), network.headBias.value());
        network.head(train, task.readout());
        Objective.Score score = Objective.score(task.loss(), train.predictions, trainBatch, null);
        step++;
        if (task.continuous()) {
            train.saveFinalState(carried);
        }
        loss = score.loss();
        metric = score.metric();
        gradientNorm = Double.NaN;
        boolean reportNow = step % spec.report() == 0 || step == target;
        return measure(run, reportNow, new double[0]);
    }

    /** to = from, or zeros when from is null. */
    private static void copyState(DMatrixRMaj[][] from, DMatrixRMaj[][] to) {
        for (int l = 0; l < to.length; l++) {
            for (int c = 0; c < to[l].length; c++) {
                if (from == null) {
                    to[l][c].zero();
                } else {
                    to[l][c].setTo(from[l][c]);
                }
            }
        }
    }

    /**
     * The rows of steps [start, end) of the training batch, with the targets before
     * {@code lossFrom} masked out: those steps belong to earlier windows' losses.
     */
    private Batch cut(int start, int end, int lossFrom) {
        if (windowBatch == trainBatch) {
            return trainBatch;
        }
        int b = spec.batch();
        int inputs = trainBatch.inputs().numCols;
        System.arraycopy(trainBatch.inputs().data, start * b * inputs, windowBatch.inputs().data, 0, (end - start) * b * inputs);
        boolean every = composition.task.readout() == Readout.EVERY;
        int from = every ? start * b : 0;
        int positions = every ? (end - start) * b : b;
        if (trainBatch.targets() != null) {
            int outputs = trainBatch.targets().numCols;
            System.arraycopy(trainBatch.targets().data, from * outputs, windowBatch.targets().data, 0, positions * outputs);
        } else {
            System.arraycopy(trainBatch.labels(), from, windowBatch.labels(), 0, positions);
        }
        System.arraycopy(trainBatch.mask(), from, windowBatch.mask(), 0, positions);
        if (every) {
            java.util.Arrays.fill(windowBatch.mask(), 0, (lossFrom - start) * b, 0.0);
        }
        return windowBatch;
    }

    /**
     * Every penalty first (so clipping and guards see their gradients too), then the gradient
     * remedies in list order, then the update; returns the loss with its penalties.
     */
    private double applyRemedies(double loss, double norm) {
        double total = loss;
        for (Composition.NamedRemedy r : composition.remedies) {
            if (r.remedy().hookPoint() == HookPoint.LOSS) {
                total += r.remedy().penalize(gradients, reports.get(r.name()));
            }
        }
        gradients.loss(total);
        boolean apply = true;
        for (Composition.NamedRemedy r : composition.remedies) {
            if (r.remedy().hookPoint() == HookPoint.GRADIENTS && apply) {
                apply = r.remedy().adjust(gradients, reports.get(r.name()));
            }
        }
        if (apply && !(Double.isFinite(total) && Double.isFinite(norm))) {
            throw new RnnlabException("the loss or a gradient became " + (Double.isFinite(total) ? norm : total)
                    + " at step " + (step + 1) + " and the update was refused; try remedies=clip-norm:max=1, "
                    + "remedies=nonfinite-guard or a lower lr");
        }
        if (apply) {
            update();
            updates++;
        }
        return total;
    }

    private void update() {
        List<Parameter> params = network.parameters();
        double lr = composition.rule.learningRate(updates);
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (p.spec().trainable()) {
                composition.rule.apply(p.value(), p.gradient(), slots[i], lr);
            }
        }
    }

    private double[] layerNorms() {
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

    /** ‖dL/dh_t‖ through time for the first layer's forward direction. */
    private double[] hiddenNorms() {
        if (ridge != null) {
            return new double[0]; // nothing was back-propagated
        }
        DMatrixRMaj grads = train.traces[0][0].hiddenGradients(); // the last window's
        int rowsPerStep = train.batch * grads.numCols;
        double[] norms = new double[train.steps];
        for (int t = 0; t < norms.length; t++) {
            double sum = 0;
            for (int i = t * rowsPerStep; i < (t + 1) * rowsPerStep; i++) {
                sum += grads.data[i] * grads.data[i];
            }
            norms[t] = Math.sqrt(sum);
        }
        return norms;
    }

    private StepReport measure(String run, boolean reportNow, double[] layerNorms) {
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
        return new StepReport(run, step, loss, metric, gradientNorm, layerNorms, hiddenNorms(), stepsPerSecond,
                stepsPerSecond * spec.batch() * composition.task.length(), Run.copyReports(reports));
    }

    /** Generates from the model as it is now; see {@link Sampler}. */
    String sample(String prime, int length, double temperature, long seed) {
        return Sampler.sample(network, composition.task, spec.task().name(), prime, length, temperature, seed);
    }

    /** Evaluates on the same held-out batches every time: the eval generator restarts from the seed. */
    Evaluation evaluate(String run) {
        TaskSession task = composition.task;
        Xoshiro256 rng = Xoshiro256.stream(spec.seed(), "eval");
        int chunks = (spec.evalSequences() + spec.batch() - 1) / spec.batch();
        double lossSum = 0;
        double metricSum = 0;
        double weight = 0;
        DMatrixRMaj[][] state = eval.newState();
        for (int c = 0; c < chunks; c++) {
            task.fill(evalBatch, Split.EVAL, c, rng);
            washOut(evalBatch);
            eval.startFrom(state);
            network.forward(eval, evalBatch.inputs(), task.readout());
            Objective.Score score = Objective.score(task.loss(), eval.predictions, evalBatch, null);
            lossSum += score.loss() * score.weight();
            metricSum += score.metric() * score.weight();
            weight += score.weight();
            if (task.continuous()) {
                eval.saveFinalState(state);
            }
        }
        return new Evaluation(run, step, lossSum / weight, metricSum / weight, task.metricName(), task.baseline(),
                chunks * spec.batch());
    }

    /**
     * Applies changes to a live run: validated and composed first, so a bad change leaves the
     * run as it was. The parameters stay; optimizer slots of the same name carry over.
     */
    String change(Map<String, String> changes, Registry registry) {
        if (changes.isEmpty()) {
            throw new RnnlabException("nothing to change; give key=value pairs, e.g. lr=0.001 optimizer=sgd");
        }
        for (String key : changes.keySet()) {
            if (key.equals("seed") || key.startsWith("init.")) {
                throw new RnnlabException(key + " only applies when a run is created; start a new run to change it");
            }
        }
        RunSpec next = spec.with(changes);
        Composition composed = Composition.of(next, registry);
        requireSameModel(next, composed);
        adopt(next, composed);
        return changes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** Composes the current spec again from the services present now (one returned after a loss). */
    void recompose(Registry registry) {
        adopt(spec, Composition.of(spec, registry));
    }

    private void requireSameModel(RunSpec next, Composition composed) {
        List<String> now = layout(network.units.length * network.directions, i ->
                network.units[i / network.directions][i % network.directions].cell);
        List<String> then = layout(composed.cells.size(), composed.cells::get);
        if (!now.equals(then) || next.bidirectional() != spec.bidirectional()) {
            throw new RnnlabException("that change would replace the model's parameters (" + String.join(", ", then)
                    + " instead of " + String.join(", ", now) + "); a live run keeps its parameters: create a new run");
        }
        TaskSession task = composed.task;
        if (task.inputSize() != network.inputSize || task.outputSize() != network.outputSize) {
            throw new RnnlabException("task " + next.task().name() + " needs " + task.inputSize() + " inputs and "
                    + task.outputSize() + " outputs, the model has " + network.inputSize + " and " + network.outputSize);
        }
    }

    private static List<String> layout(int count, java.util.function.IntFunction<Cell> cells) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (ParameterSpec p : cells.apply(i).parameters()) {
                out.add(p.name() + " " + p.rows() + "x" + p.cols());
            }
        }
        return out;
    }

    private void adopt(RunSpec next, Composition composed) {
        List<SlotSpec> had = composition.rule.slots();
        List<Parameter> params = network.parameters();
        if (!Objects.equals(had, composed.rule.slots())) {
            DMatrixRMaj[][] migrated = new DMatrixRMaj[params.size()][];
            for (int i = 0; i < migrated.length; i++) {
                migrated[i] = newSlots(params.get(i).spec(), composed.rule.slots(), had, slots[i]);
            }
            slots = migrated;
        }
        Map<String, Map<String, Double>> kept = new LinkedHashMap<>();
        composed.remedies.forEach(r -> kept.put(r.name(), reports.getOrDefault(r.name(), new LinkedHashMap<>())));
        reports.clear();
        reports.putAll(kept);
        network.rebind(composed.cells, composed.backend);
        network.parallelize(composed.pool);
        spec = next;
        composition = composed;
        allocate();
    }

    private long parameterCount() {
        return network.parameters().stream().mapToLong(p -> p.spec().size()).sum();
    }

    RunStatus status(String name, RunState state, long target, String message) {
        return new RunStatus(name, state, spec.effective(), step, target, loss, metric,
                composition.task.metricName(), gradientNorm, stepsPerSecond, Run.copyReports(reports), message,
                parameterCount());
    }
}
