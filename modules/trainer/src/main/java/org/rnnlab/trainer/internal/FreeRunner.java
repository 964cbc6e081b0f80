package org.rnnlab.trainer.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.api.trainer.FreeRun;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Workspace;

/**
 * Free-running prediction (Jaeger 2001, Jaeger &amp; Haas 2004): on held-out sequences of the
 * task's length L (drawn as evaluations draw them), the model reads the true series for the first
 * L − horizon + 1 steps, whose last output is its first prediction; each next step's input is its
 * own previous output. The error of the horizon-th prediction against the truth (the target of
 * that step), over every start, normalized by the series' variance (the task's baseline), is
 * NRMSE_horizon. In buffers of its own: the run is not changed.
 */
final class FreeRunner {
    static final int MIN_WARMUP = 20;

    private FreeRunner() {
    }

    static FreeRun run(TrainingState state, String run, int horizon, int starts) {
        TaskSession task = state.composition.task;
        Network network = state.network;
        if (task.loss() != Loss.MSE || task.readout() != Readout.EVERY || task.inputSize() != task.outputSize()
                || network.directions != 1) {
            throw new RnnlabException("task " + state.spec.task().name() + " is not a series whose output is its next "
                    + "input; free running needs one such as mackey-glass (horizon=1) and a one-directional model");
        }
        int length = task.length();
        int warmup = length - horizon + 1;
        if (horizon < 1 || warmup < MIN_WARMUP) {
            throw new RnnlabException("horizon=" + horizon + " is not accepted; expected 1 to " + (length + 1 - MIN_WARMUP)
                    + " (sequences of length=" + length + " leave at least " + MIN_WARMUP + " steps of warm-up)");
        }
        if (starts < 1 || starts > 100_000) {
            throw new RnnlabException("starts=" + starts + " is not accepted; expected an integer in [1, 100000]");
        }
        int batchSize = state.spec.batch();
        Batch batch = TrainingStep.newBatch(state, length);
        Workspace teacher = network.newWorkspace(batchSize, warmup, Readout.EVERY);
        Workspace free = network.newWorkspace(batchSize, 1, Readout.EVERY);
        DMatrixRMaj[][] carried = teacher.newState();
        DMatrixRMaj input = new DMatrixRMaj(batchSize, task.inputSize());
        DMatrixRMaj warmInputs = new DMatrixRMaj(warmup * batchSize, task.inputSize());
        Xoshiro256 rng = Xoshiro256.stream(state.spec.seed(), "eval");
        int outputs = task.outputSize();
        double squared = 0;
        int counted = 0;
        for (long chunk = 0; counted < starts; chunk++) {
            long index = chunk;
            state.blame.run(state.composition.taskLabel, () -> task.fill(batch, Split.EVAL, index, rng));
            System.arraycopy(batch.inputs().data, 0, warmInputs.data, 0, warmInputs.getNumElements());
            teacher.startFrom(teacher.newState());
            state.blame.run(state.composition.cellLabel, () -> network.forward(teacher, warmInputs, Readout.EVERY));
            teacher.saveFinalState(carried);
            // the prediction after the last teacher-forced step: rows of step warmup - 1
            System.arraycopy(teacher.predictions.data, (warmup - 1) * batchSize * outputs, input.data, 0, batchSize * outputs);
            for (int k = 2; k <= horizon; k++) {
                free.startFrom(carried);
                // the teacher-forced pass above took the parameters as they are now
                state.blame.run(state.composition.cellLabel,
                        () -> network.forwardWithSameParameters(free, input, Readout.EVERY));
                free.saveFinalState(carried);
                System.arraycopy(free.predictions.data, 0, input.data, 0, batchSize * outputs);
            }
            int truthRow = (length - 1) * batchSize; // the target of the horizon-th prediction's step
            for (int b = 0; b < batchSize && counted < starts; b++, counted++) {
                for (int o = 0; o < outputs; o++) {
                    double error = input.data[b * outputs + o] - batch.targets().data[(truthRow + b) * outputs + o];
                    squared += error * error;
                }
            }
        }
        double nrmse = Math.sqrt(squared / (counted * outputs) / task.baseline());
        return new FreeRun(run, state.step, horizon, starts, warmup, nrmse);
    }
}
