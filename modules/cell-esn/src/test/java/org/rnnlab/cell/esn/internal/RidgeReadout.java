package org.rnnlab.cell.esn.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A linear readout y = w · [1, u_t, h_t] fitted in closed form by ridge regression
 * (Lukoševičius 2012, eq. 9): w = (XᵀX + λI)⁻¹ XᵀY over the rows X of collected features, solved
 * by Cholesky since XᵀX + λI is symmetric positive definite.
 */
final class RidgeReadout {
    private final DMatrixRMaj weights;

    private RidgeReadout(DMatrixRMaj weights) {
        this.weights = weights;
    }

    /** Fits to the features (one row per step, {@link #features} layout) and the targets (one column). */
    static RidgeReadout fit(DMatrixRMaj features, DMatrixRMaj targets, double ridge) {
        int n = features.numCols;
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(features, features, gram);
        for (int i = 0; i < n; i++) {
            gram.add(i, i, ridge);
        }
        DMatrixRMaj moments = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.multTransA(features, targets, moments);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(n);
        if (!solver.setA(gram)) {
            throw new IllegalStateException("XᵀX + λI is not positive definite");
        }
        DMatrixRMaj weights = new DMatrixRMaj(n, 1);
        solver.solve(moments, weights);
        return new RidgeReadout(weights);
    }

    /** Writes the features [1, u, h] of one step into row {@code row} of {@code target}. */
    static void features(double input, double[] hidden, int hiddenOffset, int hiddenSize, DMatrixRMaj target,
            int row) {
        int base = row * target.numCols;
        target.data[base] = 1;
        target.data[base + 1] = input;
        System.arraycopy(hidden, hiddenOffset, target.data, base + 2, hiddenSize);
    }

    /** w · [1, u, h] for the hidden state at {@code hiddenOffset}. */
    double predict(double input, double[] hidden, int hiddenOffset) {
        double[] w = weights.data;
        double y = w[0] + w[1] * input;
        for (int i = 2; i < w.length; i++) {
            y += w[i] * hidden[hiddenOffset + i - 2];
        }
        return y;
    }
}
