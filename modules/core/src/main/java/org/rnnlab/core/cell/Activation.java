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

    /**
     * tanh(x) = −m / (2 + m) with m = e^(−2|x|) − 1 ({@link Expm1}), signed as x: no cancellation
     * near zero, exactly ±1 far out, within 3 ulp of {@link StrictMath#tanh} (tested). Java 17 has
     * no intrinsic for tanh; this is faster than {@code Math.tanh} and gives the same bits as the
     * vector kernels.
     */
    public static double tanh(double x) {
        double m = Expm1.of(-2 * Math.abs(x));
        return Math.copySign(-m / (2 + m), x);
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
     * else {@code scalar} (also forced by {@code -Drnnlab.scalarKernels=true}). Both give the same
     * bits; the vector ones are faster.
     */
    public static String blockKernels() {
        return BlockKernels.INSTANCE.name();
    }

    /** The logistic function σ(a) = 1 / (1 + e^(−a)), as 1 / (2 + (e^(−a) − 1)) with {@link Expm1}. */
    public static double sigmoid(double a) {
        return 1 / (2 + Expm1.of(-a));
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
