package org.rnnlab.cell.lstm.internal;

import static org.rnnlab.core.cell.Activation.sigmoidSlope;
import static org.rnnlab.core.cell.Activation.tanhSlope;

import org.rnnlab.core.cell.KernelChoice;

/**
 * One step of LSTM back-propagation, from dL/dh_t and the part of dL/dc_t that comes from later
 * steps: dc = dcIn + dh ⊙ o ⊙ tanh'(c_t); the gate pre-activation gradients
 * (dc ⊙ g ⊙ σ'(i), dc ⊙ c_{t-1} ⊙ σ'(f), dc ⊙ i ⊙ tanh'(g), dh ⊙ tanh(c_t) ⊙ σ'(o)); and
 * dL/dc_{t-1} = dc ⊙ f. This scalar form and {@link VectorGateGradients} on the Vector API do the
 * same IEEE operations in the same order, so they give the same bits (tested); the vector one is
 * there for speed, C2 having left the scalar loop unvectorized.
 */
class GateGradients {
    /** The form this JVM runs. */
    static final GateGradients INSTANCE = KernelChoice.of(() -> new VectorGateGradients(), GateGradients::new);

    /**
     * The units {@code [from, to)} (of {@code hidden}) of the sequences {@code [first, end)} of
     * step t: dL/dh_t in {@code dh} at
     * {@code dhOffset} and dcIn (batch x hidden) in; the gate gradients to {@code dA} at
     * {@code dAOffset}, and dL/dc_{t-1} to {@code dcOut}, which may be {@code dcIn}.
     */
    final void step(LstmTrace window, int t, int hidden, int from, int to, int first, int end, double[] dh,
            int dhOffset, double[] dcIn, double[] dA, int dAOffset, double[] dcOut) {
        int width = 4 * hidden;
        double[] a = window.gates().data;
        double[] squashed = window.squashedCells().data;
        double[] previousCell = window.previousCell(t);
        int previous = window.previousOffset(t);
        for (int b = first; b < end; b++) {
            int row = t * window.batch() + b;
            int in = row * width;
            int unit = row * hidden;
            int grad = dAOffset + b * width;
            int state = b * hidden;
            int done = vectorUnits(a, in, hidden, squashed, unit, previousCell, previous + state, dh,
                    dhOffset + state, dcIn, dcOut, state, dA, grad, from, to);
            int forget = in + hidden;
            int candidate = forget + hidden;
            int out = candidate + hidden;
            for (int j = done; j < to; j++) {
                double tanhCell = squashed[unit + j];
                double dHidden = dh[dhOffset + state + j];
                double dCell = dcIn[state + j] + dHidden * a[out + j] * tanhSlope(tanhCell);
                dA[grad + j] = dCell * a[candidate + j] * sigmoidSlope(a[in + j]);
                dA[grad + hidden + j] = dCell * previousCell[previous + state + j] * sigmoidSlope(a[forget + j]);
                dA[grad + 2 * hidden + j] = dCell * a[in + j] * tanhSlope(a[candidate + j]);
                dA[grad + 3 * hidden + j] = dHidden * tanhCell * sigmoidSlope(a[out + j]);
                dcOut[state + j] = dCell * a[forget + j];
            }
        }
    }

    /**
     * The first units of one row from {@code from}, in whole vectors; returns the first unit not
     * done. The gates i, f, g, o of the row start at {@code a[in]}, {@code a[in + hidden]}, ...;
     * the other arguments are where the row's units start in each array.
     */
    int vectorUnits(double[] a, int in, int hidden, double[] squashed, int unit, double[] previousCell,
            int before, double[] dh, int hiddenGrad, double[] dcIn, double[] dcOut, int state, double[] dA,
            int grad, int from, int to) {
        return from;
    }
}
