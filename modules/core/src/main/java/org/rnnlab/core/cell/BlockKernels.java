package org.rnnlab.core.cell;

/**
 * The gates' nonlinearities over a block of contiguous elements, the form in which the cells
 * spend most of their elementwise time. Two implementations: {@link VectorBlockKernels} on the
 * Vector API when the JVM has {@code jdk.incubator.vector} (the runtime's launcher adds it), and
 * this scalar one otherwise. Both compute {@link Expm1}'s operations, so they give the same bits:
 * a run's numbers do not depend on which one the JVM offers.
 */
class BlockKernels {
    /** The kernels this JVM offers: the vector ones when the module is present and links. */
    static final BlockKernels INSTANCE = choose();

    private static BlockKernels choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                || Boolean.getBoolean("rnnlab.scalarKernels")) {
            return new BlockKernels();
        }
        try {
            return new VectorBlockKernels();
        } catch (LinkageError e) {
            return new BlockKernels(); // module present, but this bundle's optional import is not wired
        }
    }

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
}
