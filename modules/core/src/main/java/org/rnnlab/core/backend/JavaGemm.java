package org.rnnlab.core.backend;

import java.util.Arrays;

import org.rnnlab.api.backend.MatrixBackend;

/**
 * Row-major GEMM in plain Java, written so the JIT vectorizes the inner loops: the
 * non-transposed-B cases stream rows of B and C (an axpy per element of A); the B-transposed
 * case computes four dot products at once, sharing each load of A's row.
 */
public final class JavaGemm implements MatrixBackend {
    public static final JavaGemm INSTANCE = new JavaGemm();

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        scale(m, n, beta, c, cOff, ldc);
        if (alpha == 0 || k == 0) {
            return;
        }
        if (!transB) {
            multiplyRowsOfB(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        } else if (!transA) {
            multiplyDots(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        } else {
            multiplyBothTransposed(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    private static void scale(int m, int n, double beta, double[] c, int cOff, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0) {
                Arrays.fill(c, row, row + n, 0.0);
            } else {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    /** C += alpha op(A) B: each element of op(A) scales one row of B into one row of C. */
    private static void multiplyRowsOfB(boolean transA, int m, int n, int k, double alpha, double[] a, int aOff,
            int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            for (int p = 0; p < k; p++) {
                double av = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                if (av == 0) {
                    continue;
                }
                int bRow = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += av * b[bRow + j];
                }
            }
        }
    }

    /** C += alpha A B^T: C[i][j] is the dot product of row i of A and row j of B. */
    private static void multiplyDots(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b,
            int bOff, int ldb, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int aRow = aOff + i * lda;
            int cRow = cOff + i * ldc;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int b0 = bOff + j * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double av = a[aRow + p];
                    s0 += av * b[b0 + p];
                    s1 += av * b[b1 + p];
                    s2 += av * b[b2 + p];
                    s3 += av * b[b3 + p];
                }
                c[cRow + j] += alpha * s0;
                c[cRow + j + 1] += alpha * s1;
                c[cRow + j + 2] += alpha * s2;
                c[cRow + j + 3] += alpha * s3;
            }
            for (; j < n; j++) {
                int bRow = bOff + j * ldb;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[aRow + p] * b[bRow + p];
                }
                c[cRow + j] += alpha * s;
            }
        }
    }

    private static void multiplyBothTransposed(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[aOff + p * lda + i] * b[bOff + j * ldb + p];
                }
                c[cOff + i * ldc + j] += alpha * s;
            }
        }
    }
}
