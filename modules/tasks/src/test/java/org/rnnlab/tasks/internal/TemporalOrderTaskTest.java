package org.rnnlab.tasks.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.core.random.Xoshiro256;

class TemporalOrderTaskTest {
    private static final int SEQUENCES = 2000;
    private final TemporalOrderTask task = new TemporalOrderTask();
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void framedDistractorsHoldTheRelevantSymbolsInTheirWindowsAndTheLabelIsTheirOrder(int relevant) {
        int length = 100;
        TaskSession session = task.open(Options.of("temporal-order",
                Map.of("length", String.valueOf(length), "relevant", String.valueOf(relevant))));
        assertEquals(8, session.inputSize());
        assertEquals(1 << relevant, session.outputSize());
        assertEquals(Loss.CROSS_ENTROPY, session.loss());
        assertEquals(Readout.LAST, session.readout());
        int[][] windows = relevant == 2 ? new int[][] {{10, 20}, {50, 60}} : new int[][] {{10, 20}, {33, 43}, {66, 76}};
        Batch batch = Batches.filled(session, SEQUENCES, 4);
        int[] classes = new int[1 << relevant];
        for (int b = 0; b < SEQUENCES; b++) {
            assertEquals(TemporalOrderTask.BEGIN, Batches.oneHot(batch, 0, b));
            assertEquals(TemporalOrderTask.END, Batches.oneHot(batch, length - 1, b));
            List<Integer> steps = new ArrayList<>();
            int label = 0;
            for (int t = 1; t < length - 1; t++) {
                int s = Batches.oneHot(batch, t, b);
                if (s == TemporalOrderTask.X || s == TemporalOrderTask.Y) {
                    steps.add(t);
                    label = 2 * label + (s == TemporalOrderTask.Y ? 1 : 0);
                } else {
                    assertTrue(s < TemporalOrderTask.DISTRACTORS, "symbol " + s + " at step " + t);
                }
            }
            assertEquals(relevant, steps.size());
            for (int k = 0; k < relevant; k++) {
                assertTrue(steps.get(k) >= windows[k][0] && steps.get(k) < windows[k][1], "symbol " + k + " at " + steps.get(k));
            }
            assertEquals(label, batch.labels()[b]);
            classes[label]++;
        }
        // the classes are equally likely: guessing scores the baseline
        for (int count : classes) {
            assertEquals((double) SEQUENCES / classes.length, count, 0.15 * SEQUENCES / classes.length);
        }
        assertEquals(1.0 / classes.length, session.baseline());
    }

    @Test
    void aRefilledBatchLeavesNoSymbolOfTheLastOne() {
        TaskSession session = task.open(Options.of("temporal-order", Map.of("length", "20")));
        Batch batch = Batches.filled(session, 8, 1);
        session.fill(batch, Split.TRAIN, 1, new Xoshiro256(2));
        for (int b = 0; b < 8; b++) {
            for (int t = 0; t < 20; t++) {
                Batches.oneHot(batch, t, b);
            }
        }
        assertArrayEquals(Batches.filled(session, 8, 2).inputs().data, batch.inputs().data);
    }

    @Test
    void badOptionsGiveOneLineErrors() {
        assertEquals("temporal-order: length=19 is not accepted; expected an integer in [20, 1000000]",
                assertThrows(RnnlabException.class,
                        () -> task.open(Options.of("temporal-order", Map.of("length", "19")))).getMessage());
        assertEquals("temporal-order: relevant=4 is not accepted; expected an integer in [2, 3]",
                assertThrows(RnnlabException.class,
                        () -> task.open(Options.of("temporal-order", Map.of("relevant", "4")))).getMessage());
        assertEquals("unknown option 'delay' for temporal-order; accepted: length, relevant",
                assertThrows(RnnlabException.class,
                        () -> task.open(Options.of("temporal-order", Map.of("delay", "4")))).getMessage());
    }
}
