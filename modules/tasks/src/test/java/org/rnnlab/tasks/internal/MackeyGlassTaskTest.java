package org.rnnlab.tasks.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.core.random.Xoshiro256;

class MackeyGlassTaskTest {
    private final MackeyGlassTask task = new MackeyGlassTask();

    private TaskSession open(Map<String, String> options) {
        return task.open(Options.of("mackey-glass", options));
    }

    private static Batch fill(TaskSession session, int size, Split split, long seed) {
        Batch batch = Batches.of(session, size);
        session.fill(batch, split, 0, new Xoshiro256(seed));
        return batch;
    }

    /** Where each value of the squashed τ = 17 series sits in it (values are distinct). */
    private static Map<Double, Integer> positions(int samples) {
        double[] series = MackeyGlass.series(17, samples);
        Map<Double, Integer> positions = new HashMap<>();
        for (int i = 0; i < series.length; i++) {
            positions.put(Math.tanh(series[i] - 1), i);
        }
        return positions;
    }

    @Test
    void defaultsAreOneInputOneOutputEveryStepMse() {
        TaskSession session = open(Map.of());
        assertEquals(1, session.inputSize());
        assertEquals(1, session.outputSize());
        assertEquals(200, session.length());
        assertEquals(Loss.MSE, session.loss());
        assertEquals(Readout.EVERY, session.readout());
    }

    /**
     * Each window is a stretch of tanh(x − 1) of the series, its target the same stretch
     * {@code horizon} samples later; TRAIN windows with their targets lie in the first 80% of the
     * 10000 samples, EVAL windows in the rest.
     */
    @Test
    void windowsAreContiguousStretchesOfTheirSplit() {
        Map<Double, Integer> positions = positions(10_000);
        TaskSession session = open(Map.of("length", "30", "horizon", "3"));
        for (Split split : Split.values()) {
            Batch batch = fill(session, 64, split, 5);
            for (int b = 0; b < 64; b++) {
                int start = positions.get(batch.inputs().get(b, 0));
                for (int t = 0; t < 30; t++) {
                    assertEquals(start + t, positions.get(batch.inputs().get(t * 64 + b, 0)));
                    assertEquals(start + t + 3, positions.get(batch.targets().get(t * 64 + b, 0)));
                }
                boolean inTrain = start + 33 <= 8_000;
                boolean inEval = start >= 8_000 && start + 33 <= 10_000;
                assertTrue(split == Split.TRAIN ? inTrain : inEval, split + " window at " + start);
            }
        }
    }

    @Test
    void rawTransformServesTheSeriesItself() {
        double[] series = MackeyGlass.series(30, 10_000);
        TaskSession session = open(Map.of("tau", "30", "transform", "raw", "length", "5"));
        Batch batch = fill(session, 8, Split.TRAIN, 2);
        for (int i = 0; i < batch.inputs().data.length; i++) {
            double value = batch.inputs().data[i];
            assertTrue(java.util.Arrays.stream(series).anyMatch(x -> x == value), "not in the series: " + value);
        }
    }

    /** Predicting the mean of the series scores its variance; for tanh(x − 1) at τ = 17 about 0.046. */
    @Test
    void baselineIsTheVarianceOfTheServedSeries() {
        double[] squashed = MackeyGlass.series(17, 10_000);
        for (int i = 0; i < squashed.length; i++) {
            squashed[i] = Math.tanh(squashed[i] - 1);
        }
        TaskSession session = open(Map.of());
        assertEquals(MackeyGlassTask.variance(squashed), session.baseline(), 1e-15);
        assertTrue(session.baseline() > 0.01 && session.baseline() < 0.1, "baseline " + session.baseline());
    }

    @Test
    void sameGeneratorStateSameBatch() {
        Batch a = fill(open(Map.of()), 4, Split.EVAL, 9);
        Batch b = fill(open(Map.of()), 4, Split.EVAL, 9);
        assertArrayEquals(a.inputs().data, b.inputs().data);
        assertArrayEquals(a.targets().data, b.targets().data);
    }

    @Test
    void badOptionsGiveOneLineErrors() {
        assertEquals("mackey-glass: tau=0 is not accepted; expected an integer in [1, 1000]",
                assertThrows(RnnlabException.class, () -> open(Map.of("tau", "0"))).getMessage());
        assertEquals("mackey-glass: horizon=-2 is not accepted; expected an integer in [1, 10000]",
                assertThrows(RnnlabException.class, () -> open(Map.of("horizon", "-2"))).getMessage());
        assertEquals("mackey-glass: transform=log is not accepted; expected one of tanh, raw",
                assertThrows(RnnlabException.class, () -> open(Map.of("transform", "log"))).getMessage());
        assertEquals("unknown option 'delay' for mackey-glass; accepted: horizon, length, tau, transform",
                assertThrows(RnnlabException.class, () -> open(Map.of("delay", "17"))).getMessage());
    }
}
