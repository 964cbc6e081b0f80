package org.rnnlab.testkit.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.core.random.Xoshiro256;

/**
 * Everything rnnlab requires of a task, as a JUnit 5 test class to extend: implement
 * {@link #task()} (and {@link #options()}), and {@link #trivialPredictor()} to have the stated
 * baseline measured. Batches are checked for their shapes, finite values, labels in range and
 * masks, and for being a function of the generator and the batch index alone.
 */
public abstract class TaskContract {
    private static final int BATCH = 16;

    /** The task under test. */
    protected abstract Task task();

    /** The options it is opened with (the task's keys of a run spec); none by default. */
    protected Map<String, String> options() {
        return Map.of();
    }

    /**
     * The predictor whose metric {@link TaskSession#baseline()} states, as outputs for every target
     * position of a batch (rows as the batch's targets, or one class per row as a one-hot row for
     * cross-entropy); null (the default) when the task states no baseline.
     */
    protected Function<Batch, DMatrixRMaj> trivialPredictor() {
        return null;
    }

    /** How close the measured baseline must come to the stated one, relative. */
    protected double baselineTolerance() {
        return 0.05;
    }

    private TaskSession open() {
        return task().open(Options.of("task", options()));
    }

    private Batch newBatch(TaskSession session) {
        return new Batch(BATCH, session.length(), session.inputSize(), session.outputSize(), session.loss(),
                session.readout());
    }

    @Test
    void sizesArePositive() {
        TaskSession session = open();
        assertTrue(session.inputSize() > 0 && session.outputSize() > 0 && session.length() > 0,
                "sizes must be positive: input " + session.inputSize() + ", output " + session.outputSize() + ", length "
                        + session.length());
        assertTrue(session.loss() != null && session.readout() != null, "loss() and readout() must be given");
    }

    @Test
    void batchesHoldFiniteInputsValidTargetsAndAMask() {
        TaskSession session = open();
        for (Split split : Split.values()) {
            Batch batch = newBatch(session);
            session.fill(batch, split, 0, new Xoshiro256(3));
            assertTrue(Arrays.stream(batch.inputs().data).allMatch(Double::isFinite), split + ": a non-finite input");
            if (session.loss() == Loss.MSE) {
                assertTrue(Arrays.stream(batch.targets().data).allMatch(Double::isFinite), split + ": a non-finite target");
            } else {
                assertTrue(Arrays.stream(batch.labels()).allMatch(l -> l >= 0 && l < session.outputSize()),
                        split + ": a label outside [0, " + session.outputSize() + ")");
            }
            assertTrue(Arrays.stream(batch.mask()).allMatch(m -> m >= 0 && m <= 1), split + ": a mask weight outside [0, 1]");
            assertTrue(Arrays.stream(batch.mask()).sum() > 0, split + ": the mask counts no target position");
        }
    }

    @Test
    void aBatchIsAFunctionOfTheGeneratorAndIndexAlone() {
        TaskSession session = open();
        Batch first = newBatch(session);
        Batch again = newBatch(session);
        Arrays.fill(again.inputs().data, Double.NaN);
        session.fill(first, Split.TRAIN, 5, new Xoshiro256(9));
        open().fill(again, Split.TRAIN, 5, new Xoshiro256(9));
        assertArrayEquals(first.inputs().data, again.inputs().data,
                "the same generator state and index gave other inputs (from another session, into a used batch)");
        assertArrayEquals(first.mask(), again.mask(), "the same generator state and index gave another mask");
        if (session.loss() == Loss.MSE) {
            assertArrayEquals(first.targets().data, again.targets().data, "the same generator state and index gave other targets");
        } else {
            assertArrayEquals(first.labels(), again.labels(), "the same generator state and index gave other labels");
        }
    }

    @Test
    void successiveBatchesDiffer() {
        TaskSession session = open();
        Xoshiro256 random = new Xoshiro256(4);
        Batch first = newBatch(session);
        Batch second = newBatch(session);
        session.fill(first, Split.TRAIN, 0, random);
        session.fill(second, Split.TRAIN, 1, random);
        assertFalse(Arrays.equals(first.inputs().data, second.inputs().data), "batch 1 repeats batch 0");
    }

    @Test
    void theStatedBaselineIsWhatTheTrivialPredictorScores() {
        TaskSession session = open();
        double stated = session.baseline();
        Function<Batch, DMatrixRMaj> predictor = trivialPredictor();
        if (predictor == null) {
            assertTrue(Double.isNaN(stated), "baseline() states " + stated + "; override trivialPredictor() so the suite can measure it");
            return;
        }
        Xoshiro256 random = new Xoshiro256(5);
        double weighted = 0;
        double counted = 0;
        for (int i = 0; i < 64; i++) {
            Batch batch = newBatch(session);
            session.fill(batch, Split.EVAL, i, random);
            DMatrixRMaj predicted = predictor.apply(batch);
            for (int p = 0; p < batch.mask().length; p++) {
                weighted += batch.mask()[p] * score(session, batch, predicted, p);
                counted += batch.mask()[p];
            }
        }
        double measured = weighted / counted;
        assertEquals(stated, measured, baselineTolerance() * Math.abs(stated), "baseline() states " + stated
                + ", the trivial predictor scores " + measured + " on 64 held-out batches");
    }

    /** The metric at one position: squared error averaged over outputs, or 1 for the right class. */
    private static double score(TaskSession session, Batch batch, DMatrixRMaj predicted, int position) {
        int outputs = session.outputSize();
        if (session.loss() == Loss.MSE) {
            double sum = 0;
            for (int o = 0; o < outputs; o++) {
                double d = predicted.get(position, o) - batch.targets().get(position, o);
                sum += d * d;
            }
            return sum / outputs;
        }
        int best = 0;
        for (int o = 1; o < outputs; o++) {
            best = predicted.get(position, o) > predicted.get(position, best) ? o : best;
        }
        return best == batch.labels()[position] ? 1 : 0;
    }

    @Test
    void anUnknownOptionIsRefusedInOneLine() {
        RnnlabException refused = assertThrows(RnnlabException.class,
                () -> task().open(Options.of("task", Map.of("no-such-option", "1"))),
                "open must validate its options and refuse one it does not know");
        assertEquals(1, refused.getMessage().lines().count(), "a one-line message: " + refused.getMessage());
    }
}
