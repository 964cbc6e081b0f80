package org.example.rnnlab.indrnn;

import org.ejml.data.DMatrixRMaj;

/**
 * Li et al. 2018, eq. 2, for one step of one sequence, in plain loops and written apart from the
 * kernel: h_j = relu(Σ_i W_ji x_i + clamp(u_j, −bound, bound) h_prev_j + b_j).
 */
final class IndRnnReference {
    private IndRnnReference() {
    }

    static double[][] step(DMatrixRMaj[] params, double[] x, double[][] state, double bound) {
        DMatrixRMaj w = params[0];
        DMatrixRMaj u = params[1];
        DMatrixRMaj b = params[2];
        double[] h = new double[state[0].length];
        for (int j = 0; j < h.length; j++) {
            double z = b.get(0, j) + Math.max(-bound, Math.min(bound, u.get(0, j))) * state[0][j];
            for (int i = 0; i < x.length; i++) {
                z += w.get(j, i) * x[i];
            }
            h[j] = z > 0 ? z : (Double.isNaN(z) ? z : 0);
        }
        return new double[][] {h};
    }
}
