package org.rnnlab.core.cell;

/**
 * Nonlinearities of the cells. The enum constants are an Elman cell's φ, applied to whole blocks
 * of a window so the loops stay monomorphic and vectorizable; the static functions are the gates'
 * sigmoid and the slopes a gated kernel needs element by element. Every derivative is read from
 * the output y = φ(a), as PyTorch does, so backward needs no pre-activations.
 */
public enum Activation {
    TANH {
        @Override
        public void apply(double[] pre, double[] out, int offset, int length) {
            tanh(pre, offset, out, offset, length);
        }

        @Override
        public void backward(double[] out, int outOffset, double[] grad, double[] gradPre, int gradOffset,
                int length) {
            for (int i = 0; i < length; i++) {
                gradPre[gradOffset + i] = grad[gradOffset + i] * tanhSlope(out[outOffset + i]);
            }
        }
    },
    RELU {
        @Override
        public void apply(double[] pre, double[] out, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                out[i] = pre[i] > 0 ? pre[i] : 0.0;
            }
        }

        /** relu'(a) = [relu(a) &gt; 0]: PyTorch's convention, slope 0 at the kink. */
        @Override
        public void backward(double[] out, int outOffset, double[] grad, double[] gradPre, int gradOffset,
                int length) {
            for (int i = 0; i < length; i++) {
                gradPre[gradOffset + i] = out[outOffset + i] > 0 ? grad[gradOffset + i] : 0.0;
            }
        }
    };

    /** {@code out[i] = φ(pre[i])} for the {@code length} elements from {@code offset}. */
    public abstract void apply(double[] pre, double[] out, int offset, int length);

    /**
     * {@code gradPre = grad ⊙ φ'(a)}, with φ'(a) computed from the outputs {@code out} (read from
     * {@code outOffset}); {@code grad} and {@code gradPre} are read and written from
     * {@code gradOffset} and may be the same array.
     */
    public abstract void backward(double[] out, int outOffset, double[] grad, double[] gradPre, int gradOffset,
            int length);

    /** Below this |x|, tanh is its Taylor series; above, the exponential form loses little to cancellation. */
    private static final double TANH_SERIES_LIMIT = 0.25;
    /** Beyond this |x|, tanh(x) rounds to ±1 (e^(−44) is below half an ulp of 1). */
    private static final double TANH_SATURATION = 22;
    /**
     * Taylor coefficients of tanh for x^3, x^5, ..., x^25: 2^(2n) (2^(2n) − 1) B_2n / (2n)!
     * (Abramowitz and Stegun 4.5.64), enough for |x| &lt; 1/4 to full double precision.
     */
    private static final double[] TANH_SERIES = {-1.0 / 3, 2.0 / 15, -17.0 / 315, 62.0 / 2835, -1382.0 / 155925,
        21844.0 / 6081075, -929569.0 / 638512875, 6404582.0 / 10854718875.0, -443861162.0 / 1856156927625.0,
        18888466084.0 / 194896477400625.0, -113927491862.0 / 2900518163668125.0,
        58870668456604.0 / 3698160658676859375.0};

    /**
     * tanh(x) within 3 ulp of {@link StrictMath#tanh} (tested), about three times faster: Java 17
     * has no intrinsic for tanh, and the cells evaluate it B·H times per time step. Series near
     * zero, (1 − e)/(1 + e) with e = exp(−2|x|) elsewhere (Math.exp is an intrinsic).
     */
    public static double tanh(double x) {
        double magnitude = Math.abs(x);
        if (magnitude < 0x1p-27) {
            return x; // x^3/3 is below half an ulp of x; also keeps the sign of zero
        }
        if (magnitude < TANH_SERIES_LIMIT) {
            double x2 = x * x;
            double sum = TANH_SERIES[TANH_SERIES.length - 1];
            for (int i = TANH_SERIES.length - 2; i >= 0; i--) {
                sum = TANH_SERIES[i] + x2 * sum;
            }
            return x + x * x2 * sum;
        }
        if (magnitude > TANH_SATURATION) {
            return Math.copySign(1.0, x);
        }
        double e = Math.exp(-2 * magnitude); // NaN stays NaN
        return Math.copySign((1 - e) / (1 + e), x);
    }

    /**
     * {@code out[outOffset + i] = tanh(in[inOffset + i])} for {@code i < length}, on the Vector API
     * when the JVM has it ({@link #blockKernels()}); {@code in} and {@code out} may be one array.
     */
    public static void tanh(double[] in, int inOffset, double[] out, int outOffset, int length) {
        BlockKernels.INSTANCE.tanh(in, inOffset, out, outOffset, length);
    }

    /** {@code x[i] = σ(x[i])} in place for the {@code length} elements from {@code offset}, as {@link #tanh(double[], int, double[], int, int)}. */
    public static void sigmoid(double[] x, int offset, int length) {
        BlockKernels.INSTANCE.sigmoid(x, offset, length);
    }

    /**
     * Which block kernels this JVM runs: {@code vector N-bit} with {@code jdk.incubator.vector},
     * else {@code scalar} (also forced by {@code -Drnnlab.scalarKernels=true}). The two agree to a
     * few ulp, not bit for bit.
     */
    public static String blockKernels() {
        return BlockKernels.INSTANCE.name();
    }

    /** The logistic function σ(a) = 1 / (1 + e^(−a)), in PyTorch's form. */
    public static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    /** σ'(a) from s = σ(a): s (1 − s). */
    public static double sigmoidSlope(double s) {
        return s * (1 - s);
    }

    /** tanh'(a) from y = tanh(a): 1 − y². */
    public static double tanhSlope(double y) {
        return 1 - y * y;
    }
}
