package org.rnnlab.tasks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.core.random.Xoshiro256;

class AddingTaskTest {
    private final AddingTask task = new AddingTask();

    @Test
    void twoMarkersOnePerHalfAndTargetIsTheirSum() {
        TaskSession session = task.open(Options.of("adding", Map.of("length", "9")));
        Batch batch = Batches.of(session, 16);
        session.fill(batch, Split.TRAIN, 0, new Xoshiro256(3));
        for (int b = 0; b < 16; b++) {
            int markers = 0;
            double sum = 0;
            for (int t = 0; t < 9; t++) {
                double value = batch.inputs().get(t * 16 + b, 0);
                double marker = batch.inputs().get(t * 16 + b, 1);
                assertTrue(value >= 0 && value < 1);
                if (marker == 1.0) {
                    markers++;
                    sum += value;
                    assertTrue(markers == 1 ? t < 4 : t >= 4, "marker " + markers + " at step " + t);
                } else {
                    assertEquals(0.0, marker);
                }
            }
            assertEquals(2, markers);
            assertEquals(sum, batch.targets().get(b, 0), 0.0);
        }
    }

    /** Predicting 1 scores Var(u1 + u2) = 1/6 on average: the baseline the task reports. */
    @Test
    void baselineIsTheMseOfPredictingOne() {
        TaskSession session = task.open(Options.of("adding", Map.of("length", "20")));
        Batch batch = Batches.of(session, 20_000);
        session.fill(batch, Split.TRAIN, 0, new Xoshiro256(8));
        double mse = 0;
        for (int b = 0; b < 20_000; b++) {
            double error = batch.targets().get(b, 0) - 1.0;
            mse += error * error / 20_000;
        }
        // standard error of the mean of (s-1)^2 is about sqrt(Var)/sqrt(n) ~ 0.0014
        assertEquals(session.baseline(), mse, 0.007);
    }

    @Test
    void sameGeneratorStateSameBatch() {
        TaskSession session = task.open(Options.empty());
        Batch a = Batches.of(session, 4);
        Batch b = Batches.of(session, 4);
        session.fill(a, Split.TRAIN, 0, new Xoshiro256(1));
        session.fill(b, Split.TRAIN, 0, new Xoshiro256(1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.inputs().data, b.inputs().data);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.targets().data, b.targets().data);
    }

    @Test
    void badOptionsGiveOneLineErrors() {
        RnnlabException tooShort = assertThrows(RnnlabException.class,
                () -> task.open(Options.of("adding", Map.of("length", "1"))));
        assertEquals("adding: length=1 is not accepted; expected an integer in [2, 1000000]", tooShort.getMessage());
        RnnlabException unknown = assertThrows(RnnlabException.class,
                () -> task.open(Options.of("adding", Map.of("lenght", "5"))));
        assertEquals("unknown option 'lenght' for adding; accepted: length", unknown.getMessage());
    }
}
