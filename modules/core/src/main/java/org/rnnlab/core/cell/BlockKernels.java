package org.rnnlab.core.cell;

/**
 * The gates' nonlinearities over a block of contiguous elements, the form in which the cells
 * spend most of their elementwise time, and the row adds of the bias-gradient sums. Two
 * implementations: {@link VectorBlockKernels} on the Vector API when the JVM has
 * {@code jdk.incubator.vector} (the runtime's launcher adds it; {@link KernelChoice}), and this
 * scalar one otherwise. Both compute {@link Expm1}'s operations, so they give the same bits: a
 * run's numbers do not depend on which one the JVM offers.
 */
class BlockKernels {
    /** The kernels this JVM offers: the vector ones when the module is present and links. */
    static final BlockKernels INSTANCE = KernelChoice.of(() -> new VectorBlockKernels(), BlockKernels::new);

    /** What the log and rnn:bench call these kernels. */
    String name() {
        return "scalar";
    }

    /** {@code x[i] = σ(x[i])} for the {@code length} elements from {@code offset}. */
    void sigmoid(double[] x, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            x[i] = Activation.sigmoid(x[i]);
        }
    }

    /** {@code out[outOffset + i] = tanh(in[inOffset + i])} for {@code i < length}; in and out may be one array. */
    void tanh(double[] in, int inOffset, double[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = Activation.tanh(in[inOffset + i]);
        }
    }

    /**
     * {@code target[offset + i] += source[sourceOffset + i]} for {@code i < length}, and the same
     * into {@code alsoTarget} unless it is null: one row of a column sum. Each element is one
     * addition, so the vector and scalar forms agree bit for bit.
     */
    void addRow(double[] source, int sourceOffset, double[] target, double[] alsoTarget, int offset, int length) {
        addRowFrom(0, source, sourceOffset, target, alsoTarget, offset, length);
    }

    /** {@link #addRow}'s elements from {@code done} on, one at a time. */
    static void addRowFrom(int done, double[] source, int sourceOffset, double[] target, double[] alsoTarget,
            int offset, int length) {
        for (int i = done; i < length; i++) {
            target[offset + i] += source[sourceOffset + i];
        }
        if (alsoTarget != null) {
            for (int i = done; i < length; i++) {
                alsoTarget[offset + i] += source[sourceOffset + i];
            }
        }
    }
}
