package org.rnnlab.trainer.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;
import org.rnnlab.trainer.internal.model.ParameterOperands;

/**
 * A run's products whose right-hand operand is a parameter (above all a step's h_{t-1} W_hh^T and
 * dL/d(gates) W_hh, 16 or 32 rows against the whole recurrent matrix, but also the head's and a
 * window's input products, so that a thread's share of any of them is computed as the whole): the
 * backend lays the parameter out once ({@link MatrixBackend#prepare}) and every step of the
 * window multiplies by that, until the trainer says the parameters may have changed (before each
 * pass). The layout is made again into the same storage then, so a step allocates nothing. Two
 * threads that take a share each of a step's rows use one layout, made by whichever asks first.
 * A run whose backend lays out nothing (the Java ones, OpenBLAS without AVX-512) is not wrapped.
 *
 * <p>Only for {@code precision=double}: {@link SinglePrecisionGemm} keeps float32 copies of its
 * own.
 */
final class PreparedWeights implements Wrapping, ParameterOperands {
    private final MatrixBackend backend;
    /** Each parameter array's layouts, by identity; replaced whole when the model is rebound. */
    private volatile Map<double[], Layouts> parameters = Map.of();
    private volatile long generation;

    PreparedWeights(MatrixBackend backend) {
        this.backend = backend;
    }

    @Override
    public void parameters(List<double[]> arrays) {
        Map<double[], Layouts> layouts = new IdentityHashMap<>();
        arrays.forEach(array -> layouts.put(array, new Layouts()));
        parameters = layouts;
        generation++;
    }

    @Override
    public void parametersChanged() {
        generation++;
    }

    @Override
    public MatrixBackend wrapped() {
        return backend;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        // every product by a parameter, whatever its rows: a thread's share of a product must be computed as
        // the whole would be, so the choice cannot depend on m
        Layouts layouts = transA || m == 0 || n == 0 || k == 0 ? null : parameters.get(b);
        if (layouts == null) {
            backend.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        PreparedOperand prepared = layouts.current(backend, generation, transB, n, k, b, bOffset, ldb);
        backend.gemm(m, alpha, a, aOffset, lda, prepared, beta, c, cOffset, ldc);
    }

    /**
     * The layouts of one parameter array: one per block of it that products read (a cell whose
     * gates take different products reads two), each made again when the generation has moved on.
     */
    private static final class Layouts {
        private PreparedOperand[] made = new PreparedOperand[0];
        private long[] madeAt = new long[0];

        synchronized PreparedOperand current(MatrixBackend backend, long generation, boolean transB, int n, int k,
                double[] b, int offset, int ld) {
            int i = 0;
            while (i < made.length && !same(made[i], transB, n, k, offset, ld)) {
                i++;
            }
            if (i == made.length) {
                PreparedOperand first = backend.prepare(transB, n, k, b, offset, ld, null); // a refusal adds nothing
                made = java.util.Arrays.copyOf(made, i + 1);
                madeAt = java.util.Arrays.copyOf(madeAt, i + 1);
                made[i] = first;
                madeAt[i] = generation;
            } else if (madeAt[i] != generation) {
                made[i] = backend.prepare(transB, n, k, b, offset, ld, made[i]);
                madeAt[i] = generation;
            }
            return made[i];
        }

        private static boolean same(PreparedOperand p, boolean transB, int n, int k, int offset, int ld) {
            return p.transposed() == transB && p.n() == n && p.k() == k && p.offset() == offset && p.ld() == ld;
        }
    }
}
