package org.rnnlab.api.task;

import org.osgi.annotation.versioning.ConsumerType;
import org.rnnlab.api.RandomSource;

/**
 * A task opened with validated options, owned by one run (it may hold loaded data).
 * All randomness comes from the generator passed in, so batches are reproducible.
 */
@ConsumerType
public interface TaskSession {
    int inputSize();

    /** Output units of the head: regression outputs, or classes for cross-entropy. */
    int outputSize();

    /** Steps per sequence. */
    int length();

    Loss loss();

    Readout readout();

    /**
     * Refills {@code batch} (sized by the run from this session) from the given split.
     * {@code index} counts the batches drawn from that split (0, 1, 2, ...): a task that reads
     * its data in order derives the position from it, so a session holds no state of its own
     * and a resumed run draws exactly the batches it would have drawn.
     */
    void fill(Batch batch, Split split, long index, RandomSource rng);

    /**
     * True when consecutive batches continue the same sequences (character-level text read in
     * order), so the run carries the hidden state from one batch to the next.
     */
    default boolean continuous() {
        return false;
    }

    /** The metric reported next to the loss: {@code mse} for MSE tasks, {@code accuracy} otherwise. */
    default String metricName() {
        return loss() == Loss.MSE ? "mse" : "accuracy";
    }

    /**
     * For next-symbol prediction, where the one-hot inputs and the output classes are the same
     * symbols (character-level text): their names in index order, so a model can generate
     * ({@code Trainer.sample}). Empty for every other task.
     *
     * @since 1.1
     */
    default java.util.List<String> symbols() {
        return java.util.List.of();
    }

    /**
     * True when a step's target appears among later inputs (next-symbol or next-value
     * prediction), so a model that reads ahead in time (bidirectional) would see the answer.
     *
     * @since 1.2
     */
    default boolean readsAhead() {
        return false;
    }

    /** The metric of a trivial predictor, for comparison (the adding problem: 0.167), or NaN. */
    default double baseline() {
        return Double.NaN;
    }
}
