package org.rnnlab.tasks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.core.random.Xoshiro256;

class TextTaskTest {
    private static final int B = 3;
    private static final int T = 5;

    private static TaskSession open(Map<String, String> options) {
        return new TextTask().open(Options.of("text", options));
    }

    private static Batch batch(TaskSession session) {
        return new Batch(B, T, session.inputSize(), session.outputSize(), session.loss(), session.readout());
    }

    /** The one-hot character at step t of sequence b. */
    private static int inputAt(Batch batch, int t, int b, int vocabulary) {
        for (int c = 0; c < vocabulary; c++) {
            if (batch.inputs().get(t * B + b, c) == 1.0) {
                return c;
            }
        }
        throw new AssertionError("no one-hot input at step " + t + " of sequence " + b);
    }

    @Test
    void inputsAreOneHotAndTargetsAreTheNextCharacterAcrossBatches(@TempDir Path folder) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append((char) ('a' + i % 7));
        }
        Path file = Files.writeString(folder.resolve("abc.txt"), text);
        TaskSession session = open(Map.of("file", file.toString(), "length", String.valueOf(T)));
        assertEquals(7, session.inputSize());
        assertTrue(session.continuous());
        Batch first = batch(session);
        Batch second = batch(session);
        session.fill(first, Split.TRAIN, 0, new Xoshiro256(1));
        session.fill(second, Split.TRAIN, 1, new Xoshiro256(1));
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int current = inputAt(first, t, b, 7);
                assertEquals((current + 1) % 7, first.labels()[t * B + b], "the target is the next character");
            }
            assertEquals(first.labels()[(T - 1) * B + b], inputAt(second, 0, b, 7), "batch 2 continues batch 1");
        }
    }

    @Test
    void generatedTextNeedsNoFileAndIsTheSameEveryTime() {
        TaskSession one = open(Map.of("length", String.valueOf(T)));
        TaskSession two = open(Map.of("length", String.valueOf(T)));
        Batch a = batch(one);
        Batch b = batch(two);
        one.fill(a, Split.EVAL, 3, new Xoshiro256(1));
        two.fill(b, Split.EVAL, 3, new Xoshiro256(2));
        assertEquals(java.util.Arrays.toString(a.labels()), java.util.Arrays.toString(b.labels()));
        assertTrue(one.baseline() > 0.1 && one.baseline() < 0.3, "a space is the most frequent character");
        assertEquals(TextTask.GENERATED_LENGTH, TextTask.generated(TextTask.GENERATED_LENGTH).length());
    }

    @Test
    void badInputGivesOneLineErrors(@TempDir Path folder) throws IOException {
        String missing = folder.resolve("nothere.txt").toString();
        RnnlabException error = assertThrows(RnnlabException.class, () -> open(Map.of("file", missing)));
        assertEquals("text: file=" + missing + " does not exist", error.getMessage());
        Path binary = Files.write(folder.resolve("model.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0x80});
        assertEquals("text: file=" + binary + " is not UTF-8 text (a binary file?); give a plain text file",
                assertThrows(RnnlabException.class, () -> open(Map.of("file", binary.toString()))).getMessage());
        assertEquals("text: cannot read file=" + folder + " (Is a directory)",
                assertThrows(RnnlabException.class, () -> open(Map.of("file", folder.toString()))).getMessage());
        Path tiny = Files.writeString(folder.resolve("tiny.txt"), "hello");
        assertEquals("text: 5 characters are too few for length=64; each split needs at least 130",
                assertThrows(RnnlabException.class, () -> open(Map.of("file", tiny.toString()))).getMessage());
        assertEquals("unknown option 'path' for text; accepted: file, length",
                assertThrows(RnnlabException.class, () -> open(Map.of("path", "x"))).getMessage());
    }
}
