package org.rnnlab.trainer.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.trainer.internal.model.Workspace;
import org.rnnlab.trainer.internal.model.Objective;

/**
 * Evaluates a run on the same held-out batches every time: the eval generator restarts from the
 * seed, so evaluations of one run are comparable across steps, saves and loads. Forward only,
 * in buffers of its own, so it changes nothing a training step reads.
 */
final class Evaluator {
    private final TrainingState state;
    private final Workspace eval;
    private final Batch evalBatch;
    final int version;

    Evaluator(TrainingState state) {
        this.state = state;
        this.version = state.version;
        TaskSession task = state.composition.task;
        eval = state.network.newWorkspace(state.spec.batch(), task.length(), task.readout());
        evalBatch = TrainingStep.newBatch(state, task.length());
    }

    Evaluation evaluate(String run) {
        Composition c = state.composition;
        TaskSession task = c.task;
        Xoshiro256 rng = Xoshiro256.stream(state.spec.seed(), "eval");
        int chunks = (state.spec.evalSequences() + state.spec.batch() - 1) / state.spec.batch();
        double lossSum = 0;
        double metricSum = 0;
        double weight = 0;
        DMatrixRMaj[][] carried = eval.newState();
        for (int chunk = 0; chunk < chunks; chunk++) {
            long index = chunk;
            state.blame.run(c.taskLabel, () -> task.fill(evalBatch, Split.EVAL, index, rng));
            TrainingStep.washOut(state, evalBatch);
            eval.startFrom(carried);
            state.blame.run(c.cellLabel, () -> state.network.forward(eval, evalBatch.inputs(), task.readout()));
            Objective.Score score = Objective.score(task.loss(), eval, evalBatch, false, state.composition.threads);
            lossSum += score.loss() * score.weight();
            metricSum += score.metric() * score.weight();
            weight += score.weight();
            if (task.continuous()) {
                eval.saveFinalState(carried);
            }
        }
        return new Evaluation(run, state.step, lossSum / weight, metricSum / weight, task.metricName(), task.baseline(),
                chunks * state.spec.batch());
    }
}
