package org.rnnlab.trainer.internal;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Truncation;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Workspace;
import org.rnnlab.trainer.internal.model.Gradients;
import org.rnnlab.trainer.internal.model.Objective;
import org.rnnlab.trainer.internal.model.Parameter;

/**
 * One training step over a {@link TrainingState}, with the buffers it needs (allocated once per
 * spec, reused every step):
 * <pre>
 * batch ← task.fill(TRAIN, batchIndex++, rng); mask the washout
 * state ← carried (continuous tasks) or 0
 * for each window w (the whole sequence, or k1-step windows of truncated BPTT):
 *     forward from the state saved back k2 steps; save the state at the window's end
 *     if the window holds no target: next window
 *     loss ← objective; backward through the window
 *     loss += every LOSS remedy's penalty (adding its gradient)
 *     every GRADIENTS remedy in order may change the gradients or refuse the update
 *     refuse a non-finite loss or gradient (the run fails, naming it)
 *     optimizer update at lr = schedule(updates) × learning-rate factor; updates++
 *     (every diagnostics=N steps, the last window's flow, spectra and update sizes are measured around it)
 * carried ← the state after the last window; step++
 * </pre>
 * With {@code readout=ridge} the step is forward, accumulate the sums, refit the head instead.
 */
final class TrainingStep {
    private final TrainingState state;
    private final Windows windows;
    private final Workspace train;
    private final Batch trainBatch;
    private final Batch windowBatch;
    /** The forward state at every window boundary of the current batch (index w: after w windows). */
    private final DMatrixRMaj[][][] boundaries;
    private final Gradients gradients;
    private final StepDiagnostics diagnostics;
    final int version;
    /** Updates a remedy refused during the current step: no rollback point is taken after such a step. */
    private int refused;

    TrainingStep(TrainingState state, StepDiagnostics diagnostics) {
        this.state = state;
        this.version = state.version;
        this.diagnostics = diagnostics;
        TaskSession task = state.composition.task;
        windows = Windows.of(task.length(), state.composition.truncation);
        train = state.network.newWorkspace(state.spec.batch(), windows.capacity(), task.readout());
        trainBatch = newBatch(state, task.length());
        windowBatch = windows.capacity() == task.length() ? trainBatch : newBatch(state, windows.capacity());
        boundaries = new DMatrixRMaj[windows.count() + 1][][];
        for (int w = 0; w < boundaries.length; w++) {
            boundaries[w] = train.newState();
        }
        gradients = new Gradients(state.network, train);
    }

    static Batch newBatch(TrainingState state, int steps) {
        TaskSession task = state.composition.task;
        return new Batch(state.spec.batch(), steps, task.inputSize(), task.outputSize(), task.loss(), task.readout());
    }

    /**
     * How a sequence of the task's length is cut: windows end every k1 steps (and at the end);
     * each starts {@code back} windows earlier, i.e. gradients flow back k2 = back * k1 steps.
     * Without truncation: one window, the whole sequence.
     */
    record Windows(int k1, int back, int count, int capacity) {
        static Windows of(int length, Truncation truncation) {
            if (truncation == null || truncation.k1() >= length) {
                return new Windows(length, 1, 1, length);
            }
            int k1 = truncation.k1();
            int back = truncation.k2() / k1;
            return new Windows(k1, back, (length + k1 - 1) / k1, Math.min(length, back * k1));
        }
    }

    /** Washout: the first steps of every sequence carry no target (the state is still settling). */
    static void washOut(TrainingState state, Batch batch) {
        if (state.spec.washout() > 0 && state.composition.task.readout() == Readout.EVERY) {
            java.util.Arrays.fill(batch.mask(), 0, Math.min(state.spec.washout(), batch.steps()) * batch.batch(), 0.0);
        }
    }

    /** One batch (one update per window with a loss); returns a report when this step is one to report. */
    StepReport run(String run, long target) {
        TaskSession task = state.composition.task;
        Composition c = state.composition;
        state.blame.run(c.taskLabel, () -> task.fill(trainBatch, Split.TRAIN, state.batchIndex, state.trainRng));
        state.batchIndex++;
        washOut(state, trainBatch);
        boolean reportNow = (state.step + 1) % state.spec.report() == 0 || state.step + 1 == target;
        boolean diagnose = state.spec.diagnostics() > 0 && (state.step + 1) % state.spec.diagnostics() == 0;
        if (state.ridge != null) {
            return ridgeStep(run, reportNow);
        }
        int length = task.length();
        state.rollbacks.beforeStep(state.step, state.network.parameters(), state.slots);
        copyState(task.continuous() ? state.carried : null, boundaries[0]);
        double[] layerNorms = null;
        double lossSum = 0;
        double metricSum = 0;
        double weight = 0;
        double norm = Double.NaN;
        FlowDiagnostics flow = null;
        refused = 0;
        for (int w = 1; w <= windows.count(); w++) {
            int end = Math.min(w * windows.k1(), length);
            int first = Math.max(0, w - windows.back());
            int start = first * windows.k1();
            train.window(end - start);
            train.startFrom(boundaries[first]);
            Batch window = cut(start, end, (w - 1) * windows.k1());
            state.blame.run(c.cellLabel, () -> state.network.forward(train, window.inputs(), task.readout()));
            train.saveFinalState(boundaries[w]);
            if (task.readout() == Readout.LAST && end < length) {
                continue; // no target in this window: nothing to learn from it
            }
            state.network.zeroGradients();
            Objective.Score score = Objective.score(task.loss(), train, window, true, c.threads);
            state.blame.run(c.cellLabel, () -> state.network.backward(train, task.readout()));
            norm = gradients.norm();
            if ((reportNow || diagnose) && end == length) {
                layerNorms = StepDiagnostics.layerNorms(state.network);
            }
            if (diagnose && end == length) {
                flow = FlowDiagnostics.beforeUpdate(state.network, train, state.spec.seed(), state.step + 1,
                        state.learningRate());
            }
            double total = applyRemedies(score.loss(), norm);
            lossSum += total * score.weight();
            metricSum += score.metric() * score.weight();
            weight += score.weight();
        }
        state.step++;
        if (task.continuous()) {
            copyState(boundaries[windows.count()], state.carried);
        }
        state.loss = lossSum / weight;
        state.metric = metricSum / weight;
        state.gradientNorm = norm;
        if (refused == 0) {
            state.rollbacks.afterStep(state.step, state.network.parameters(), state.slots);
        }
        return diagnostics.measure(state, run, reportNow || flow != null, layerNorms, train,
                flow == null ? null : flow.afterUpdate(state.network));
    }

    /** One batch for the closed-form head: forward, add to the sums, refit, score the refitted head. */
    private StepReport ridgeStep(String run, boolean reportNow) {
        TaskSession task = state.composition.task;
        copyState(task.continuous() ? state.carried : null, boundaries[0]);
        train.window(task.length());
        train.startFrom(boundaries[0]);
        state.blame.run(state.composition.cellLabel, () -> state.network.forward(train, trainBatch.inputs(), task.readout()));
        Network network = state.network;
        state.ridge.accumulate(train.output(network.layers() - 1), network.featureOffset(train, task.readout()),
                train.predictions.numRows, trainBatch);
        state.ridge.solve(state.spec.ridgeLambda(), network.headWeight.value(), network.headBias.value());
        network.head(train, task.readout());
        Objective.Score score = Objective.score(task.loss(), train, trainBatch, false, state.composition.threads);
        state.step++;
        if (task.continuous()) {
            train.saveFinalState(state.carried);
        }
        state.loss = score.loss();
        state.metric = score.metric();
        state.gradientNorm = Double.NaN;
        return diagnostics.measure(state, run, reportNow, new double[0], null, null);
    }

    /** to = from, or zeros when from is null. */
    static void copyState(DMatrixRMaj[][] from, DMatrixRMaj[][] to) {
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
        int b = state.spec.batch();
        int inputs = trainBatch.inputs().numCols;
        System.arraycopy(trainBatch.inputs().data, start * b * inputs, windowBatch.inputs().data, 0, (end - start) * b * inputs);
        boolean every = state.composition.task.readout() == Readout.EVERY;
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
        for (Composition.NamedRemedy r : state.composition.remedies) {
            if (r.remedy().hookPoint() == HookPoint.LOSS) {
                total += state.blame.call(r.label(), () -> r.remedy().penalize(gradients, state.reports.get(r.name())));
            }
        }
        gradients.loss(total);
        boolean apply = true;
        for (Composition.NamedRemedy r : state.composition.remedies) {
            if (r.remedy().hookPoint() == HookPoint.GRADIENTS && apply) {
                apply = state.blame.call(r.label(), () -> r.remedy().adjust(gradients, state.reports.get(r.name())));
            }
        }
        if (apply && !(Double.isFinite(total) && Double.isFinite(norm))) {
            throw new RnnlabException("the loss or a gradient became " + (Double.isFinite(total) ? norm : total)
                    + " at step " + (state.step + 1) + " and the update was refused; try remedies=clip-norm:max=1, "
                    + "remedies=nonfinite-guard or a lower lr");
        }
        if (apply) {
            update();
            state.updates++;
        } else {
            refused++;
        }
        return total;
    }

    private void update() {
        List<Parameter> params = state.network.parameters();
        double lr = state.learningRate();
        var rule = state.composition.rule;
        state.blame.run(state.composition.optimizerLabel, () -> {
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                if (p.spec().trainable()) {
                    rule.apply(p.value(), p.gradient(), state.slots[i], lr);
                }
            }
        });
    }
}
