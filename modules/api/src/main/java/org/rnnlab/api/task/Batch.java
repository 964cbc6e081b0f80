package org.rnnlab.api.task;

import org.ejml.data.DMatrixRMaj;

/**
 * One batch of B sequences of T steps, allocated once by the run and refilled by the task.
 * Inputs are time-major ({@code (T * B) x inputSize}, row {@code t * B + b}). Targets:
 * for {@link Loss#MSE}, {@link #targets()} has one row per target position; for
 * {@link Loss#CROSS_ENTROPY}, {@link #labels()} has one class index per target position.
 * Target positions are the B sequences ({@link Readout#LAST}) or all T * B rows
 * ({@link Readout#EVERY}). {@link #mask()} weights each target position: 1 counts, 0 ignores.
 */
public final class Batch {
    private final int batch;
    private final int steps;
    private final DMatrixRMaj inputs;
    private final DMatrixRMaj targets;
    private final int[] labels;
    private final double[] mask;

    public Batch(int batch, int steps, int inputSize, int outputSize, Loss loss, Readout readout) {
        this.batch = batch;
        this.steps = steps;
        int positions = readout == Readout.LAST ? batch : batch * steps;
        this.inputs = new DMatrixRMaj(steps * batch, inputSize);
        this.targets = loss == Loss.MSE ? new DMatrixRMaj(positions, outputSize) : null;
        this.labels = loss == Loss.CROSS_ENTROPY ? new int[positions] : null;
        this.mask = new double[positions];
        java.util.Arrays.fill(mask, 1.0);
    }

    public int batch() {
        return batch;
    }

    public int steps() {
        return steps;
    }

    public DMatrixRMaj inputs() {
        return inputs;
    }

    /** MSE targets, or null for a cross-entropy task. */
    public DMatrixRMaj targets() {
        return targets;
    }

    /** Class labels, or null for an MSE task. */
    public int[] labels() {
        return labels;
    }

    public double[] mask() {
        return mask;
    }
}
