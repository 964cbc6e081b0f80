package org.rnnlab.testkit;

import org.rnnlab.api.backend.MatrixBackend;

/**
 * A matrix backend for unit tests of a cell, outside any framework: the plain triple loop of the
 * GEMM definition, summing k in order. Slow and obviously right, so a disagreement found with it
 * is the cell's own.
 */
public final class TestBackend implements MatrixBackend {
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double left = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    double right = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += left * right;
                }
                int at = cOffset + i * ldc + j;
                // beta == 0 overwrites: C is never read, so it may hold NaN (MatrixBackend's contract)
                c[at] = beta == 0 ? alpha * sum : alpha * sum + beta * c[at];
            }
        }
    }
}
