package org.rnnlab.trainer.internal;

import java.util.List;

import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;
import org.rnnlab.trainer.internal.model.ParameterOperands;

/**
 * A run's products whose right-hand operand is a parameter (above all a step's h_{t-1} W_hh^T and
 * dL/d(gates) W_hh, 16 or 32 rows against the whole recurrent matrix, but also the head's and a
 * window's input products, so that a thread's share of any of them is computed as the whole): the
 * backend lays the parameter out once ({@link MatrixBackend#prepare}, kept in
 * {@link ParameterLayouts}) and every step of the window multiplies by that, until the trainer
 * says the parameters may have changed (before each pass). A run whose backend lays out nothing
 * (the Java ones, OpenBLAS without AVX-512) is not wrapped.
 *
 * <p>Only for {@code precision=double}: {@link SinglePrecisionGemm} keeps float32 layouts of its
 * own.
 */
final class PreparedWeights implements Wrapping, ParameterOperands {
    private final MatrixBackend backend;
    private final ParameterLayouts layouts;

    PreparedWeights(MatrixBackend backend) {
        this.backend = backend;
        this.layouts = new ParameterLayouts(backend::prepare);
    }

    @Override
    public void parameters(List<double[]> arrays) {
        layouts.parameters(arrays);
    }

    @Override
    public void parametersChanged() {
        layouts.changed();
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
        PreparedOperand prepared = transA || m == 0 || n == 0 || k == 0 ? null
                : layouts.of(b, transB, n, k, bOffset, ldb);
        if (prepared == null) {
            backend.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        backend.gemm(m, alpha, a, aOffset, lda, prepared, beta, c, cOffset, ldc);
    }
}
