package org.example.rnnlab.parity;

import java.util.Map;
import java.util.function.Function;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Task;
import org.rnnlab.testkit.suite.TaskContract;

/** The testkit's task suite on the parity task; its stated baseline is guessing class 0. */
class ParityContractTest extends TaskContract {
    @Override
    protected Task task() {
        return new ParityTask();
    }

    @Override
    protected Map<String, String> options() {
        return Map.of("length", "12");
    }

    @Override
    protected Function<Batch, DMatrixRMaj> trivialPredictor() {
        return batch -> {
            DMatrixRMaj scores = new DMatrixRMaj(batch.labels().length, 2);
            for (int p = 0; p < scores.numRows; p++) {
                scores.set(p, 0, 1);
            }
            return scores;
        };
    }
}
