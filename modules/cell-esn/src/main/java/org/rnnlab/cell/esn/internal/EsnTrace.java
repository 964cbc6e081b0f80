package org.rnnlab.cell.esn.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.core.cell.WindowTrace;

/**
 * The buffers of one reservoir window. Forward builds the pre-activations
 * a_t = x_t W_in^T + b + h_{t-1} W^T in the gate buffer and replaces them by z_t = tanh(a_t),
 * which backward needs (tanh' = 1 − z²); the gate gradients receive dL/da_t.
 */
final class EsnTrace extends WindowTrace {
    /** One step's batch x hidden block, for the state vector–Jacobian products. */
    private final DMatrixRMaj stepScratch;

    EsnTrace(int batch, int capacity, int inputSize, int hiddenSize) {
        super(batch, capacity, inputSize, hiddenSize, 1, hiddenSize);
        stepScratch = new DMatrixRMaj(batch, hiddenSize);
    }

    DMatrixRMaj stepScratch() {
        return stepScratch;
    }

    /** The activated z_t = tanh(A_t), kept in the gate buffer. */
    @Override
    public double saturation() {
        return saturation(new int[0], new int[] {0});
    }
}
