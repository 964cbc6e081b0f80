package org.rnnlab.trainer.internal;

import org.rnnlab.api.backend.FloatGemm;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.core.backend.JavaGemm;

/**
 * A backend with float32 products for the trainer's tests (the real ones, native and java-vector,
 * live in the BLAS bundle): float64 products from {@link JavaGemm}, float32 ones from a plain
 * triple loop that sums in float.
 */
final class FloatTripleLoop implements MatrixBackend, FloatGemm {
    static final FloatTripleLoop INSTANCE = new FloatTripleLoop();

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[aOffset + (transA ? p * lda + i : i * lda + p)]
                            * b[bOffset + (transB ? j * ldb + p : p * ldb + j)];
                }
                int at = cOffset + i * ldc + j;
                c[at] = beta == 0 ? alpha * sum : alpha * sum + beta * c[at];
            }
        }
    }
}
