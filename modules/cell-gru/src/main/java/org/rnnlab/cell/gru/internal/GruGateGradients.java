package org.rnnlab.cell.gru.internal;

import static org.rnnlab.core.cell.Activation.sigmoidSlope;
import static org.rnnlab.core.cell.Activation.tanhSlope;

import org.rnnlab.core.cell.KernelChoice;

/**
 * One step of GRU back-propagation from dL/dh_t, with a_n = x_t W_in^T + b_in + r ⊙ q and
 * q = W_hn h_{t-1} + b_hn: dA_n = dh ⊙ (1 − z) ⊙ tanh'(n), dA_z = dh ⊙ (h_{t-1} − n) ⊙ σ'(z),
 * dA_r = dA_n ⊙ q ⊙ σ'(r). The input side receives (dA_r, dA_z, dA_n), the recurrent side
 * (dA_r, dA_z, dA_n ⊙ r), and the direct term dh ⊙ z is added to dL/dh_{t-1}. This scalar form
 * and {@link VectorGruGateGradients} do the same IEEE operations in the same order, so they give
 * the same bits (tested); the vector one is there for speed, C2 leaving the scalar loop
 * unvectorized.
 */
class GruGateGradients {
    /** The form this JVM runs. */
    static final GruGateGradients INSTANCE = KernelChoice.of(() -> new VectorGruGateGradients(),
            GruGateGradients::new);

    /**
     * The units {@code [from, to)} (of {@code hidden}) of the sequences {@code [first, end)} of
     * step t: dL/dh_t in {@code dh} at
     * {@code dhOffset}; the gate gradients to {@code dInput} and {@code dRecurrent} at
     * {@code offset}; the direct term added to {@code dPrevious} at {@code previousOffset}.
     */
    final void step(GruTrace window, int t, int hidden, int from, int to, int first, int end, double[] dh,
            int dhOffset, double[] dInput, double[] dRecurrent, int offset, double[] dPrevious, int previousOffset) {
        int width = 3 * hidden;
        double[] a = window.gates().data;
        double[] resetTerms = window.resetTerms().data;
        double[] previousHidden = window.previousHidden(t);
        int previous = window.previousOffset(t);
        for (int b = first; b < end; b++) {
            int row = t * window.batch() + b;
            int gate = row * width;
            int unit = row * hidden;
            int grad = offset + b * width;
            int state = b * hidden;
            int done = vectorUnits(a, gate, hidden, resetTerms, unit, previousHidden, previous + state, dh,
                    dhOffset + state, dInput, dRecurrent, grad, dPrevious, previousOffset + state, from, to);
            for (int j = done; j < to; j++) {
                double reset = a[gate + j];
                double update = a[gate + hidden + j];
                double candidate = a[gate + 2 * hidden + j];
                double dHidden = dh[dhOffset + state + j];
                double dCandidate = dHidden * (1 - update) * tanhSlope(candidate);
                double dUpdate = dHidden * (previousHidden[previous + state + j] - candidate) * sigmoidSlope(update);
                double dReset = dCandidate * resetTerms[unit + j] * sigmoidSlope(reset);
                dInput[grad + j] = dReset;
                dInput[grad + hidden + j] = dUpdate;
                dInput[grad + 2 * hidden + j] = dCandidate;
                dRecurrent[grad + j] = dReset;
                dRecurrent[grad + hidden + j] = dUpdate;
                dRecurrent[grad + 2 * hidden + j] = dCandidate * reset;
                dPrevious[previousOffset + state + j] += dHidden * update;
            }
        }
    }

    /**
     * The first units of one row from {@code from}, in whole vectors; returns the first unit not
     * done. The gates r, z, n of the row start at {@code a[gate]}, {@code a[gate + hidden]},
     * {@code a[gate + 2 * hidden]}; the other arguments are where the row's units start in each array.
     */
    int vectorUnits(double[] a, int gate, int hidden, double[] resetTerms, int unit, double[] previousHidden,
            int before, double[] dh, int hiddenGrad, double[] dInput, double[] dRecurrent, int grad,
            double[] dPrevious, int previousGrad, int from, int to) {
        return from;
    }
}
