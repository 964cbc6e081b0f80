package org.rnnlab.core.cell;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockKernels} on the Vector API: {@link Expm1}'s steps lane by lane, the same IEEE
 * operations in the same order, so each lane gives the bits the scalar kernels give (tested),
 * whether the JIT has compiled the loop yet or not. The tail shorter than a vector takes the
 * scalar forms.
 */
final class VectorBlockKernels extends BlockKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final long SIGN = Long.MIN_VALUE;

    @Override
    String name() {
        return "vector " + SPECIES.vectorBitSize() + "-bit";
    }

    /** σ(a) = 1 / (2 + expm1(−a)), as {@link Activation#sigmoid(double)}. */
    @Override
    void sigmoid(double[] x, int offset, int length) {
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector m = expm1(DoubleVector.fromArray(SPECIES, x, offset + i).neg());
            DoubleVector.broadcast(SPECIES, 1.0).div(m.add(2.0)).intoArray(x, offset + i);
        }
        super.sigmoid(x, offset + i, length - i);
    }

    /** tanh(x) = −m / (2 + m), m = expm1(−2|x|), with x's sign, as {@link Activation#tanh(double)}. */
    @Override
    void tanh(double[] in, int inOffset, double[] out, int outOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, in, inOffset + i);
            DoubleVector m = expm1(x.abs().mul(-2.0));
            LongVector magnitude = m.neg().div(m.add(2.0)).reinterpretAsLongs();
            LongVector sign = x.reinterpretAsLongs().and(SIGN);
            magnitude.and(~SIGN).or(sign).reinterpretAsDoubles().intoArray(out, outOffset + i);
        }
        super.tanh(in, inOffset + i, out, outOffset + i, length - i);
    }

    /** {@link Expm1#of} on each lane. */
    private static DoubleVector expm1(DoubleVector y) {
        DoubleVector clamped = y.max(Expm1.LOWEST).min(Expm1.HIGHEST);
        DoubleVector shifted = clamped.mul(Expm1.LOG2_E).add(Expm1.SHIFTER);
        DoubleVector k = shifted.sub(Expm1.SHIFTER);
        DoubleVector negativeK = k.neg();
        DoubleVector r = negativeK.fma(DoubleVector.broadcast(SPECIES, Expm1.LN2_HIGH), clamped);
        r = negativeK.fma(DoubleVector.broadcast(SPECIES, Expm1.LN2_LOW), r);
        DoubleVector q = DoubleVector.broadcast(SPECIES, Expm1.SERIES[0]);
        for (int j = 1; j < Expm1.SERIES.length; j++) {
            q = q.fma(r, DoubleVector.broadcast(SPECIES, Expm1.SERIES[j]));
        }
        DoubleVector p = q.fma(r.mul(r), r);
        DoubleVector scale = shifted.reinterpretAsLongs().sub(Expm1.SHIFTER_BITS - 1023).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        return scale.fma(p, scale.sub(1.0));
    }
}
