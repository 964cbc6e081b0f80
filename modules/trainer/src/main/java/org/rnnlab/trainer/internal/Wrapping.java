package org.rnnlab.trainer.internal;

import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;

/**
 * A run's backend that wraps another ({@link ParallelGemm}, {@link PreparedWeights}): an operand
 * is laid out, and multiplied once laid out, by the backend it wraps, so a cell that prepares one
 * gets that backend's layout.
 */
interface Wrapping extends MatrixBackend {
    /** The backend this one passes its products on to. */
    MatrixBackend wrapped();

    @Override
    default PreparedOperand prepare(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
            PreparedOperand previous) {
        return wrapped().prepare(transB, n, k, b, bOffset, ldb, previous);
    }

    @Override
    default void gemm(int m, double alpha, double[] a, int aOffset, int lda, PreparedOperand b, double beta,
            double[] c, int cOffset, int ldc) {
        wrapped().gemm(m, alpha, a, aOffset, lda, b, beta, c, cOffset, ldc);
    }
}
