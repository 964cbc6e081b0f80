package org.rnnlab.core.cell;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockKernels} on the Vector API: the JDK compiles EXP and TANH lane-wise to its SVML
 * routines (within 1 ulp), about three to five times faster per element than the scalar forms on
 * this project's machine. The tail shorter than a vector takes the scalar forms.
 */
final class VectorBlockKernels extends BlockKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    String name() {
        return "vector " + SPECIES.vectorBitSize() + "-bit";
    }

    @Override
    void sigmoid(double[] x, int offset, int length) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector e = DoubleVector.fromArray(SPECIES, x, offset + i).neg().lanewise(VectorOperators.EXP);
            one.div(one.add(e)).intoArray(x, offset + i);
        }
        super.sigmoid(x, offset + i, length - i);
    }

    @Override
    void tanh(double[] in, int inOffset, double[] out, int outOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, in, inOffset + i).lanewise(VectorOperators.TANH)
                    .intoArray(out, outOffset + i);
        }
        super.tanh(in, inOffset + i, out, outOffset + i, length - i);
    }
}
