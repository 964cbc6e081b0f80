package org.rnnlab.cell.gru.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.core.cell.WindowTrace;

/**
 * The buffers of one MGU window. After forward the gate buffer holds the activated forget gate and
 * candidate (f, n) of every step; the gate gradients hold dL/d(pre-activation) of each.
 */
final class MguTrace extends WindowTrace {
    /** f_t ⊙ h_{t-1}, the candidate's recurrent input. */
    private final DMatrixRMaj gatedStates;
    /** dL/d(f_t ⊙ h_{t-1}) of the step being back-propagated. */
    private final DMatrixRMaj gatedGradient;
    /** One step's gate gradients (batch x 2H), for the state vector–Jacobian product. */
    private final DMatrixRMaj stepGradients;
    /** One batch x hidden block of working space for the state VJP's parameter gradient. */
    private final DMatrixRMaj stepScratch;

    MguTrace(int batch, int capacity, int inputSize, int hiddenSize) {
        super(batch, capacity, inputSize, hiddenSize, 1, 2 * hiddenSize);
        gatedStates = new DMatrixRMaj(capacity * batch, hiddenSize);
        gatedGradient = new DMatrixRMaj(batch, hiddenSize);
        stepGradients = new DMatrixRMaj(batch, 2 * hiddenSize);
        stepScratch = new DMatrixRMaj(batch, hiddenSize);
    }

    DMatrixRMaj gatedStates() {
        return gatedStates;
    }

    DMatrixRMaj gatedGradient() {
        return gatedGradient;
    }

    DMatrixRMaj stepGradients() {
        return stepGradients;
    }

    DMatrixRMaj stepScratch() {
        return stepScratch;
    }

    /** The activated gates f (sigmoid) and n (tanh). */
    @Override
    public double saturation() {
        return saturation(new int[] {0}, new int[] {1});
    }
}
