package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.trainer.FreeRun;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.trainer.internal.model.Parameter;

class FreeRunnerTest {
    private final TrainerService trainer = Slice.trainer();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    /**
     * A model that always answers 0.3 (every weight zero, the head's bias 0.3) runs freely to 0.3;
     * its NRMSE is √(mean (0.3 − s)² / variance) over the true values at the horizon of the same
     * held-out sequences an evaluation draws.
     */
    @Test
    void aConstantModelsErrorIsItsDistanceToTheTruthAtTheHorizon() {
        trainer.create("c", Map.of("task", "mackey-glass", "length", "60", "hidden", "3", "batch", "4", "seed", "9"));
        double expected = trainer.run("c").betweenSteps(state -> {
            for (Parameter p : state.network.parameters()) {
                p.value().zero();
            }
            state.network.headBias.value().set(0, 0, 0.3);
            Batch batch = TrainingStep.newBatch(state, 60);
            Xoshiro256 rng = Xoshiro256.stream(9, "eval");
            double sum = 0;
            int n = 0;
            for (int chunk = 0; n < 10; chunk++) {
                state.composition.task.fill(batch, Split.EVAL, chunk, rng);
                for (int b = 0; b < 4 && n < 10; b++, n++) {
                    double truth = batch.targets().data[59 * 4 + b];
                    sum += (0.3 - truth) * (0.3 - truth);
                }
            }
            return Math.sqrt(sum / n / state.composition.task.baseline());
        });
        FreeRun free = trainer.runFreely("c", 30, 10);
        assertEquals(expected, free.nrmse(), 1e-12);
        assertEquals(31, free.warmup());
    }

    @Test
    void anEsnPredictsWellOneStepAheadAndWorseFarther() throws InterruptedException {
        trainer.create("esn", Map.of("task", "mackey-glass", "length", "300", "cell", "esn", "hidden", "100",
                "cell.radius", "0.9", "readout", "ridge", "ridge", "1e-8", "washout", "50", "batch", "8", "seed", "2"));
        Slice.train(trainer, "esn", 5);
        double near = trainer.runFreely("esn", 1, 16).nrmse();
        double far = trainer.runFreely("esn", 84, 16).nrmse();
        assertTrue(near < 0.01, "one step ahead: " + near);
        assertTrue(far > near, "errors grow on its own predictions: " + near + " then " + far);
    }

    /**
     * On a backend that lays the parameters out, the free-running steps multiply by the layouts
     * of the teacher-forced pass before them: the error is the java backend's to the bit, after
     * more training between two runs too (a stale layout would show).
     */
    @Test
    void onABackendThatLaysOutFreeRunningSeesTheWeightsOfTheLastUpdate() throws InterruptedException {
        trainer.addBackend(new SnapshotBackend(), null, Slice.named("snapshot"));
        Map<String, String> spec = Map.of("task", "mackey-glass", "length", "60", "hidden", "8", "batch", "4",
                "seed", "3", "lr", "0.01");
        trainer.create("java", Slice.spec(spec, "backend=java"));
        trainer.create("laid", Slice.spec(spec, "backend=snapshot"));
        for (int round = 1; round <= 2; round++) {
            Slice.train(trainer, "java", 5);
            Slice.train(trainer, "laid", 5);
            assertEquals(trainer.runFreely("java", 20, 8).nrmse(), trainer.runFreely("laid", 20, 8).nrmse(), 0.0,
                    "after " + 5 * round + " steps");
        }
    }

    @Test
    void tasksThatAreNotSeriesAndTooLongHorizonsAreRefused() {
        trainer.create("a", Map.of("task", "adding", "length", "10"));
        assertTrue(assertThrows(RnnlabException.class, () -> trainer.runFreely("a", 5, 1)).getMessage()
                .startsWith("task adding is not a series whose output is its next input"));
        trainer.create("m", Map.of("task", "mackey-glass", "length", "50"));
        assertEquals("horizon=40 is not accepted; expected 1 to 31 (sequences of length=50 leave at least 20 steps of warm-up)",
                assertThrows(RnnlabException.class, () -> trainer.runFreely("m", 40, 1)).getMessage());
    }
}
