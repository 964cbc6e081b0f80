package org.rnnlab.cell.gru.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.core.backend.BlasOperands;
import org.rnnlab.core.cell.WindowTrace;

/**
 * The buffers of one GRU window. After forward the gate buffer holds the activated gates
 * (r, z, n) of every step; the gate gradients hold dL/d(x_t W_ih^T + b_ih).
 */
final class GruTrace extends WindowTrace {
    /** W_hn h_{t-1} + b_hn, the term the reset gate multiplies. */
    private final DMatrixRMaj resetTerms;
    /**
     * dL/d(h_{t-1} W_hh^T + b_hh): differs from the gate gradients in the n block, by the factor r.
     * dW_hh's operand, so it keeps a spare row (a thread's column block is read in place).
     */
    private final DMatrixRMaj recurrentGradients;
    /** One step's h_{t-1} W_hh^T (batch x 3H) in forward; the input-side gradients in a state VJP. */
    private final DMatrixRMaj stepProducts;
    /** One step's recurrent-side gradients (batch x 3H), for the state vector–Jacobian product. */
    private final DMatrixRMaj stepGradients;
    /** One batch x hidden block whose value is not needed (dL/dh_{t-1} in the parameter gradient). */
    private final DMatrixRMaj stepScratch;

    GruTrace(int batch, int capacity, int inputSize, int hiddenSize) {
        super(batch, capacity, inputSize, hiddenSize, 1, 3 * hiddenSize);
        int rows = capacity * batch;
        resetTerms = new DMatrixRMaj(rows, hiddenSize);
        recurrentGradients = BlasOperands.withSpareRow(rows, 3 * hiddenSize);
        stepProducts = new DMatrixRMaj(batch, 3 * hiddenSize);
        stepGradients = new DMatrixRMaj(batch, 3 * hiddenSize);
        stepScratch = new DMatrixRMaj(batch, hiddenSize);
    }

    DMatrixRMaj resetTerms() {
        return resetTerms;
    }

    DMatrixRMaj recurrentGradients() {
        return recurrentGradients;
    }

    DMatrixRMaj stepProducts() {
        return stepProducts;
    }

    DMatrixRMaj stepGradients() {
        return stepGradients;
    }

    DMatrixRMaj stepScratch() {
        return stepScratch;
    }

    /** The activated gates r, z (sigmoid) and n (tanh). */
    @Override
    public double saturation() {
        return saturation(new int[] {0, 1}, new int[] {2});
    }
}
