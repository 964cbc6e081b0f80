package org.rnnlab.cell.lstm.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GateGradients} on the Vector API: each lane computes its unit's terms with the scalar
 * form's operations in the scalar form's order (σ'(s) = s · (1 − s), tanh'(y) = 1 − y · y, as
 * {@link org.rnnlab.core.cell.Activation}), so the bits are the same. All vectors stay inside
 * one method: one passed between methods the JIT did not inline would be boxed.
 */
final class VectorGateGradients extends GateGradients {
    /** Touched at construction, so a missing vector module shows there (see KernelChoice). */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    int vectorUnits(double[] a, int in, int hidden, double[] squashed, int unit, double[] previousCell,
            int before, double[] dh, int hiddenGrad, double[] dcIn, double[] dcOut, int state, double[] dA,
            int grad, int from, int to) {
        int end = from + SPECIES.loopBound(to - from);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int j = from; j < end; j += SPECIES.length()) {
            DoubleVector i = DoubleVector.fromArray(SPECIES, a, in + j);
            DoubleVector f = DoubleVector.fromArray(SPECIES, a, in + hidden + j);
            DoubleVector g = DoubleVector.fromArray(SPECIES, a, in + 2 * hidden + j);
            DoubleVector o = DoubleVector.fromArray(SPECIES, a, in + 3 * hidden + j);
            DoubleVector tanhCell = DoubleVector.fromArray(SPECIES, squashed, unit + j);
            DoubleVector dHidden = DoubleVector.fromArray(SPECIES, dh, hiddenGrad + j);
            DoubleVector dCell = DoubleVector.fromArray(SPECIES, dcIn, state + j)
                    .add(dHidden.mul(o).mul(one.sub(tanhCell.mul(tanhCell))));
            dCell.mul(g).mul(i.mul(one.sub(i))).intoArray(dA, grad + j);
            dCell.mul(DoubleVector.fromArray(SPECIES, previousCell, before + j)).mul(f.mul(one.sub(f)))
                    .intoArray(dA, grad + hidden + j);
            dCell.mul(i).mul(one.sub(g.mul(g))).intoArray(dA, grad + 2 * hidden + j);
            dHidden.mul(tanhCell).mul(o.mul(one.sub(o))).intoArray(dA, grad + 3 * hidden + j);
            dCell.mul(f).intoArray(dcOut, state + j);
        }
        return end;
    }
}
