package org.rnnlab.tasks.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.TaskSession;

class CopyMemoryTaskTest {
    private final CopyMemoryTask task = new CopyMemoryTask();

    @Test
    void tenSymbolsThenBlanksAndADelimiterThenTheSymbolsAreTheTarget() {
        int delay = 30;
        TaskSession session = task.open(Options.of("copy-memory", Map.of("delay", String.valueOf(delay))));
        assertEquals(delay + 20, session.length());
        assertEquals(10, session.inputSize());
        assertEquals(9, session.outputSize());
        assertEquals(Loss.CROSS_ENTROPY, session.loss());
        assertEquals(Readout.EVERY, session.readout());
        int sequences = 50;
        Batch batch = Batches.filled(session, sequences, 6);
        for (int b = 0; b < sequences; b++) {
            for (int t = 0; t < delay + 20; t++) {
                int in = Batches.oneHot(batch, t, b);
                int label = batch.labels()[t * sequences + b];
                if (t < 10) {
                    assertTrue(in >= 1 && in <= 8, "symbol " + in);
                    assertEquals(in, batch.labels()[(t + delay + 10) * sequences + b], "copied at step " + (t + delay + 10));
                } else {
                    assertEquals(t == delay + 9 ? CopyMemoryTask.DELIMITER : CopyMemoryTask.BLANK, in, "input at step " + t);
                }
                if (t < delay + 10) {
                    assertEquals(CopyMemoryTask.BLANK, label, "target at step " + t);
                }
            }
        }
    }

    /** Blank until the recall, then a uniform guess: the memoryless accuracy the task reports. */
    @Test
    void baselineIsTheAccuracyOfAnsweringWithoutMemory() {
        TaskSession session = task.open(Options.of("copy-memory", Map.of("delay", "100")));
        assertEquals((110 + 10.0 / 8) / 120, session.baseline(), 1e-15);
        Batch batch = Batches.filled(session, 4000, 9);
        double correct = 0;
        int[] labels = batch.labels();
        for (int row = 0; row < labels.length; row++) {
            int t = row / 4000;
            int guess = t < 110 ? CopyMemoryTask.BLANK : 1 + (row % 8); // any fixed guess scores 1/8 on uniform symbols
            correct += labels[row] == guess ? 1 : 0;
        }
        assertEquals(session.baseline(), correct / labels.length, 0.003);
    }

    @Test
    void theShortestDelayPutsTheDelimiterRightAfterTheSymbols() {
        Batch batch = Batches.filled(task.open(Options.of("copy-memory", Map.of("delay", "1"))), 3, 2);
        for (int b = 0; b < 3; b++) {
            assertEquals(CopyMemoryTask.DELIMITER, Batches.oneHot(batch, 10, b));
        }
        Batch again = Batches.filled(task.open(Options.of("copy-memory", Map.of("delay", "1"))), 3, 2);
        assertArrayEquals(batch.labels(), again.labels());
    }

    @Test
    void badOptionsGiveOneLineErrors() {
        assertEquals("copy-memory: delay=0 is not accepted; expected an integer in [1, 1000000]",
                assertThrows(RnnlabException.class,
                        () -> task.open(Options.of("copy-memory", Map.of("delay", "0")))).getMessage());
        assertEquals("unknown option 'length' for copy-memory; accepted: delay",
                assertThrows(RnnlabException.class,
                        () -> task.open(Options.of("copy-memory", Map.of("length", "40")))).getMessage());
    }
}
