package org.rnnlab.cell.rnn.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.core.cell.WindowTrace;

/**
 * The buffers of one Elman window. The gate buffer holds the pre-activations
 * a_t = x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh, its gradient dL/da_t.
 */
final class ElmanTrace extends WindowTrace {
    /** One step's batch x hidden block, for the state vector–Jacobian product. */
    private final DMatrixRMaj stepScratch;

    ElmanTrace(int batch, int capacity, int inputSize, int hiddenSize) {
        super(batch, capacity, inputSize, hiddenSize, 1, hiddenSize);
        stepScratch = new DMatrixRMaj(batch, hiddenSize);
    }

    DMatrixRMaj stepScratch() {
        return stepScratch;
    }
}
