package org.rnnlab.core.cell;

/**
 * e^y − 1 in operations that round the same on every path the JVM may take: IEEE additions,
 * multiplications and fused multiply-adds, and integer arithmetic on the bits. Math.exp and the
 * Vector API's EXP are not such operations: the JIT compiles EXP to SVML routines but runs it
 * with Math.exp before that, and the two differ in the last bits, so a run's numbers would depend
 * on when the compiler got to a loop. {@link VectorBlockKernels} does exactly these steps on
 * vectors, so the scalar and the vector kernels give the same bits (tested).
 *
 * <p>The method is the textbook one (as in fdlibm's expm1): y = k ln2 + r with k = round(y / ln2)
 * and |r| ≤ ln2 / 2, ln2 split in a high part with trailing zeros (exact k · ln2_hi) and a low
 * part; e^r − 1 from its Taylor series to r^13/13! (the first term left out is below 2^-60 of
 * the result); then e^y − 1 = 2^k (e^r − 1) + (2^k − 1), exact for k = 0 where cancellation
 * would hurt. Within 2 ulp of StrictMath.expm1 (tested). y is clamped to [−40, 709]: below,
 * e^y − 1 rounds to −1; above, e^y overflows.
 */
final class Expm1 {
    static final double LOWEST = -40;
    static final double HIGHEST = 709;
    static final double LOG2_E = 1.4426950408889634;
    /** fdlibm's split of ln 2: 33 significant bits, then the rest. */
    static final double LN2_HIGH = 6.93147180369123816490e-01;
    static final double LN2_LOW = 1.90821492927058770002e-10;
    /** 1.5 · 2^52: adding it rounds to an integer, which then sits in the low bits of the significand. */
    static final double SHIFTER = 0x1.8p52;
    static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** 1/13!, 1/12!, ..., 1/2!: Horner's order. */
    static final double[] SERIES = {1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0,
        1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 1.0 / 2.0};

    private Expm1() {
    }

    static double of(double y) {
        double clamped = Math.min(Math.max(y, LOWEST), HIGHEST); // NaN stays NaN
        double shifted = clamped * LOG2_E + SHIFTER;
        double k = shifted - SHIFTER;
        double r = Math.fma(-k, LN2_HIGH, clamped);
        r = Math.fma(-k, LN2_LOW, r);
        double q = SERIES[0];
        for (int i = 1; i < SERIES.length; i++) {
            q = Math.fma(q, r, SERIES[i]);
        }
        double p = Math.fma(q, r * r, r);
        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) - SHIFTER_BITS + 1023) << 52);
        return Math.fma(scale, p, scale - 1);
    }
}
