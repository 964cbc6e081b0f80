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
    /** Whether φ is tanh (saturation is then read from h); a ReLU does not saturate that way. */
    private final boolean squashing;

    ElmanTrace(int batch, int capacity, int inputSize, int hiddenSize, boolean squashing) {
        super(batch, capacity, inputSize, hiddenSize, 1, hiddenSize);
        stepScratch = new DMatrixRMaj(batch, hiddenSize);
        this.squashing = squashing;
    }

    /** h_t = tanh(a_t): the outputs are the tanh values. */
    @Override
    public double saturation() {
        return squashing ? saturation(new int[0], new int[0], outputs()) : Double.NaN;
    }

    DMatrixRMaj stepScratch() {
        return stepScratch;
    }
}
