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
            for (int i = offset; i < offset + length; i++) {
                out[i] = Math.tanh(pre[i]);
            }
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
