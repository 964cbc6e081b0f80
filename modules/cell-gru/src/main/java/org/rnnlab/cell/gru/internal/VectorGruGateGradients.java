package org.rnnlab.cell.gru.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GruGateGradients} on the Vector API: each lane computes its unit's terms with the scalar
 * form's operations in the scalar form's order (σ'(s) = s · (1 − s), tanh'(y) = 1 − y · y, as
 * {@link org.rnnlab.core.cell.Activation}), so the bits are the same. All vectors stay inside
 * one method: one passed between methods the JIT did not inline would be boxed.
 */
final class VectorGruGateGradients extends GruGateGradients {
    /** Touched at construction, so a missing vector module shows there (see KernelChoice). */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    int vectorUnits(double[] a, int gate, int hidden, double[] resetTerms, int unit, double[] previousHidden,
            int before, double[] dh, int hiddenGrad, double[] dInput, double[] dRecurrent, int grad,
            double[] dPrevious, int previousGrad, int from, int to) {
        int end = from + SPECIES.loopBound(to - from);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int j = from; j < end; j += SPECIES.length()) {
            DoubleVector reset = DoubleVector.fromArray(SPECIES, a, gate + j);
            DoubleVector update = DoubleVector.fromArray(SPECIES, a, gate + hidden + j);
            DoubleVector candidate = DoubleVector.fromArray(SPECIES, a, gate + 2 * hidden + j);
            DoubleVector dHidden = DoubleVector.fromArray(SPECIES, dh, hiddenGrad + j);
            DoubleVector dCandidate = dHidden.mul(one.sub(update)).mul(one.sub(candidate.mul(candidate)));
            DoubleVector previous = DoubleVector.fromArray(SPECIES, previousHidden, before + j);
            DoubleVector dUpdate = dHidden.mul(previous.sub(candidate)).mul(update.mul(one.sub(update)));
            DoubleVector dReset = dCandidate.mul(DoubleVector.fromArray(SPECIES, resetTerms, unit + j))
                    .mul(reset.mul(one.sub(reset)));
            dReset.intoArray(dInput, grad + j);
            dUpdate.intoArray(dInput, grad + hidden + j);
            dCandidate.intoArray(dInput, grad + 2 * hidden + j);
            dReset.intoArray(dRecurrent, grad + j);
            dUpdate.intoArray(dRecurrent, grad + hidden + j);
            dCandidate.mul(reset).intoArray(dRecurrent, grad + 2 * hidden + j);
            DoubleVector.fromArray(SPECIES, dPrevious, previousGrad + j).add(dHidden.mul(update))
                    .intoArray(dPrevious, previousGrad + j);
        }
        return end;
    }
}
