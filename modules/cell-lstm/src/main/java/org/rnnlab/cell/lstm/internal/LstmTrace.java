package org.rnnlab.cell.lstm.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.core.cell.WindowTrace;

/**
 * The buffers of one LSTM window. After forward the gate buffer holds the activated gates
 * (i, f, g, o) of every step; the gate gradients hold dL/d(pre-activation) of each gate.
 */
final class LstmTrace extends WindowTrace {
    /** c_t. */
    private final DMatrixRMaj cells;
    /** tanh(c_t), kept for backward. */
    private final DMatrixRMaj squashedCells;
    /** One step's gate gradients (batch x 4H), for the state vector–Jacobian product. */
    private final DMatrixRMaj stepGradients;
    /** One batch x hidden block whose value is not needed (dL/dc_{t-1} in the parameter gradient). */
    private final DMatrixRMaj stepScratch;

    LstmTrace(int batch, int capacity, int inputSize, int hiddenSize) {
        super(batch, capacity, inputSize, hiddenSize, 2, 4 * hiddenSize);
        int rows = capacity * batch;
        cells = new DMatrixRMaj(rows, hiddenSize);
        squashedCells = new DMatrixRMaj(rows, hiddenSize);
        stepGradients = new DMatrixRMaj(batch, 4 * hiddenSize);
        stepScratch = new DMatrixRMaj(batch, hiddenSize);
    }

    DMatrixRMaj cells() {
        return cells;
    }

    DMatrixRMaj squashedCells() {
        return squashedCells;
    }

    /** c_{t-1}: the cells, or the recorded initial c at t = 0; read from {@link #previousOffset}. */
    double[] previousCell(int t) {
        return t > 0 ? cells.data : initialState()[1].data;
    }

    DMatrixRMaj stepGradients() {
        return stepGradients;
    }

    DMatrixRMaj stepScratch() {
        return stepScratch;
    }

    /** The activated gates i, f, o (sigmoid) and g (tanh), and tanh(c_t). */
    @Override
    public double saturation() {
        return saturation(new int[] {0, 1, 3}, new int[] {2}, squashedCells);
    }
}
