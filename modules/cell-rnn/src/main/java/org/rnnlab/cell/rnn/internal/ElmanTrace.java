package org.rnnlab.cell.rnn.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.CellTrace;

/**
 * The buffers of one Elman window, allocated once for {@code capacity} steps of {@code batch}
 * sequences. Window matrices are time-major (row {@code t * batch + b}); a step's rows form one
 * contiguous block of {@code batch * hidden} values, which the kernel addresses by offset.
 */
final class ElmanTrace implements CellTrace {
    private final int batch;
    private final int capacity;
    private final int inputSize;
    private final int hiddenSize;
    /** x_t, copied: backward needs the inputs for dW_ih and the caller may reuse its matrix. */
    private final DMatrixRMaj inputs;
    /** h_{-1}, copied: the caller's initial state may be {@link #finalState}, which forward overwrites. */
    private final DMatrixRMaj initialState;
    /** a_t = x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh. */
    private final DMatrixRMaj preActivations;
    /** h_t = φ(a_t). */
    private final DMatrixRMaj outputs;
    private final DMatrixRMaj[] finalState;
    /** Total dL/dh_t after backward. */
    private final DMatrixRMaj hiddenGradients;
    /** dL/da_t after backward. */
    private final DMatrixRMaj preActivationGradients;
    /** One step's batch x hidden block, for the state vector–Jacobian product. */
    private final DMatrixRMaj stepScratch;
    private int steps;

    ElmanTrace(int batch, int capacity, int inputSize, int hiddenSize) {
        if (batch <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("batch and capacity must be positive: " + batch + ", " + capacity);
        }
        this.batch = batch;
        this.capacity = capacity;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        int rows = capacity * batch;
        inputs = new DMatrixRMaj(rows, inputSize);
        initialState = new DMatrixRMaj(batch, hiddenSize);
        preActivations = new DMatrixRMaj(rows, hiddenSize);
        outputs = new DMatrixRMaj(rows, hiddenSize);
        finalState = new DMatrixRMaj[] {new DMatrixRMaj(batch, hiddenSize)};
        hiddenGradients = new DMatrixRMaj(rows, hiddenSize);
        preActivationGradients = new DMatrixRMaj(rows, hiddenSize);
        stepScratch = new DMatrixRMaj(batch, hiddenSize);
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public DMatrixRMaj outputs() {
        return outputs;
    }

    @Override
    public DMatrixRMaj[] finalState() {
        return finalState;
    }

    @Override
    public DMatrixRMaj hiddenGradients() {
        return hiddenGradients;
    }

    boolean fits(int cellInputSize, int cellHiddenSize) {
        return inputSize == cellInputSize && hiddenSize == cellHiddenSize;
    }

    void recorded(int recordedSteps) {
        steps = recordedSteps;
    }

    DMatrixRMaj inputs() {
        return inputs;
    }

    DMatrixRMaj initialState() {
        return initialState;
    }

    DMatrixRMaj preActivations() {
        return preActivations;
    }

    DMatrixRMaj preActivationGradients() {
        return preActivationGradients;
    }

    DMatrixRMaj stepScratch() {
        return stepScratch;
    }
}
