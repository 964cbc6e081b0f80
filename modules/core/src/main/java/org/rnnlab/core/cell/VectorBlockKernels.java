package org.rnnlab.core.cell;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
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
        int done = squash(x, offset, x, offset, length, false);
        super.sigmoid(x, offset + done, length - done);
    }

    /** tanh(x) = −m / (2 + m), m = expm1(−2|x|), with x's sign, as {@link Activation#tanh(double)}. */
    @Override
    void tanh(double[] in, int inOffset, double[] out, int outOffset, int length) {
        int done = squash(in, inOffset, out, outOffset, length, true);
        super.tanh(in, inOffset + done, out, outOffset + done, length - done);
    }

    /**
     * σ or tanh of whole vectors of {@code in} into {@code out}, with {@link Expm1#of} lane by
     * lane; returns how many values it did (the rest is a tail shorter than a vector). The whole
     * computation is one method on purpose: a vector passed to or returned from a method the JIT
     * did not inline is an object of no exact shape, and its operations then run as slow Java
     * loops; a helper for expm1 was sometimes compiled on its own first, too big to inline
     * afterwards, which made training several times slower at random.
     */
    private static int squash(double[] in, int inOffset, double[] out, int outOffset, int length, boolean tanh) {
        int bound = SPECIES.loopBound(length);
        VectorMask<Double> absolute = SPECIES.maskAll(tanh);
        double factor = tanh ? -2.0 : -1.0;
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, in, inOffset + i);
            // −x for σ, −2|x| for tanh, chosen without a branch: a vector that merges two branches
            // is boxed, which made this loop several times slower.
            DoubleVector y = x.blend(x.abs(), absolute).mul(factor);
            // expm1(y): Expm1.of's steps, the same operations in the same order.
            DoubleVector clamped = y.max(Expm1.LOWEST).min(Expm1.HIGHEST);
            DoubleVector shifted = clamped.mul(Expm1.LOG2_E).add(Expm1.SHIFTER);
            DoubleVector negativeK = shifted.sub(Expm1.SHIFTER).neg();
            DoubleVector r = negativeK.fma(DoubleVector.broadcast(SPECIES, Expm1.LN2_HIGH), clamped);
            r = negativeK.fma(DoubleVector.broadcast(SPECIES, Expm1.LN2_LOW), r);
            DoubleVector q = DoubleVector.broadcast(SPECIES, Expm1.SERIES[0]);
            for (int j = 1; j < Expm1.SERIES.length; j++) {
                q = q.fma(r, DoubleVector.broadcast(SPECIES, Expm1.SERIES[j]));
            }
            DoubleVector p = q.fma(r.mul(r), r);
            DoubleVector scale = shifted.reinterpretAsLongs().sub(Expm1.SHIFTER_BITS - 1023)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector m = scale.fma(p, scale.sub(1.0));
            if (tanh) {
                LongVector magnitude = m.neg().div(m.add(2.0)).reinterpretAsLongs();
                LongVector sign = x.reinterpretAsLongs().and(SIGN);
                magnitude.and(~SIGN).or(sign).reinterpretAsDoubles().intoArray(out, outOffset + i);
            } else {
                DoubleVector.broadcast(SPECIES, 1.0).div(m.add(2.0)).intoArray(out, outOffset + i);
            }
        }
        return bound;
    }

    @Override
    void addRow(double[] source, int sourceOffset, double[] target, double[] alsoTarget, int offset, int length) {
        int bound = SPECIES.loopBound(length);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector row = DoubleVector.fromArray(SPECIES, source, sourceOffset + i);
            DoubleVector.fromArray(SPECIES, target, offset + i).add(row).intoArray(target, offset + i);
            if (alsoTarget != null) {
                DoubleVector.fromArray(SPECIES, alsoTarget, offset + i).add(row).intoArray(alsoTarget, offset + i);
            }
        }
        addRowFrom(bound, source, sourceOffset, target, alsoTarget, offset, length);
    }
}
