package org.rnnlab.cell.rnn.internal;

/**
 * The nonlinearity φ of an Elman cell, applied to whole blocks of a window so the loops stay
 * monomorphic and vectorizable. Both derivatives are read from the output h = φ(a), as PyTorch
 * does, so backward needs no pre-activations.
 */
enum Activation {
    TANH {
        @Override
        void apply(double[] pre, double[] out, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                out[i] = Math.tanh(pre[i]);
            }
        }

        /** tanh'(a) = 1 − tanh(a)². */
        @Override
        void backward(double[] out, int outOffset, double[] grad, double[] gradPre, int gradOffset, int length) {
            for (int i = 0; i < length; i++) {
                double h = out[outOffset + i];
                gradPre[gradOffset + i] = grad[gradOffset + i] * (1 - h * h);
            }
        }
    },
    RELU {
        @Override
        void apply(double[] pre, double[] out, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                out[i] = pre[i] > 0 ? pre[i] : 0.0;
            }
        }

        /** relu'(a) = [relu(a) &gt; 0]: PyTorch's convention, slope 0 at the kink. */
        @Override
        void backward(double[] out, int outOffset, double[] grad, double[] gradPre, int gradOffset, int length) {
            for (int i = 0; i < length; i++) {
                gradPre[gradOffset + i] = out[outOffset + i] > 0 ? grad[gradOffset + i] : 0.0;
            }
        }
    };

    /** {@code out[i] = φ(pre[i])} for the {@code length} elements from {@code offset}. */
    abstract void apply(double[] pre, double[] out, int offset, int length);

    /**
     * {@code gradPre = grad ⊙ φ'(a)}, with φ'(a) computed from the outputs {@code out} (read from
     * {@code outOffset}); {@code grad} and {@code gradPre} are read and written from
     * {@code gradOffset} and may be the same array.
     */
    abstract void backward(double[] out, int outOffset, double[] grad, double[] gradPre, int gradOffset, int length);
}
