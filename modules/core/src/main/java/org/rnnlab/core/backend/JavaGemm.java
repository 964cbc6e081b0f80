package org.rnnlab.core.backend;

import java.util.Arrays;

import org.rnnlab.api.backend.MatrixBackend;

/**
 * Row-major GEMM in plain Java: C is computed in 4 x 4 tiles held in sixteen local
 * accumulators, so each step of the inner loop loads four elements of op(A) and four of op(B)
 * for sixteen multiply-adds (register blocking, as in Goto &amp; van de Geijn 2008). Transposes
 * are handled by strides, so one kernel serves all four cases; edge rows and columns fall back
 * to plain dot products.
 */
public final class JavaGemm implements MatrixBackend {
    public static final JavaGemm INSTANCE = new JavaGemm();
    private static final int TILE = 4;

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        scale(m, n, beta, c, cOff, ldc);
        if (alpha == 0 || k == 0) {
            return;
        }
        // op(A)[i][p] = a[aOff + i * ai + p * ap]; op(B)[p][j] = b[bOff + p * bp + j * bj]
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        int bp = transB ? 1 : ldb;
        int bj = transB ? ldb : 1;
        int mTiled = m - m % TILE;
        int nTiled = n - n % TILE;
        for (int i = 0; i < mTiled; i += TILE) {
            for (int j = 0; j < nTiled; j += TILE) {
                tile(i, j, k, alpha, a, aOff, ai, ap, b, bOff, bp, bj, c, cOff, ldc);
            }
            for (int j = nTiled; j < n; j++) {
                for (int r = i; r < i + TILE; r++) {
                    c[cOff + r * ldc + j] += alpha * dot(k, a, aOff + r * ai, ap, b, bOff + j * bj, bp);
                }
            }
        }
        for (int i = mTiled; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] += alpha * dot(k, a, aOff + i * ai, ap, b, bOff + j * bj, bp);
            }
        }
    }

    private static void tile(int i, int j, int k, double alpha, double[] a, int aOff, int ai, int ap, double[] b,
            int bOff, int bp, int bj, double[] c, int cOff, int ldc) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int a0 = aOff + i * ai;
        int b0 = bOff + j * bj;
        for (int p = 0; p < k; p++) {
            int ao = a0 + p * ap;
            int bo = b0 + p * bp;
            double x0 = a[ao];
            double x1 = a[ao + ai];
            double x2 = a[ao + 2 * ai];
            double x3 = a[ao + 3 * ai];
            double y0 = b[bo];
            double y1 = b[bo + bj];
            double y2 = b[bo + 2 * bj];
            double y3 = b[bo + 3 * bj];
            c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
            c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
            c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
            c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
        }
        int r0 = cOff + i * ldc + j;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        c[r0] += alpha * c00; c[r0 + 1] += alpha * c01; c[r0 + 2] += alpha * c02; c[r0 + 3] += alpha * c03;
        c[r1] += alpha * c10; c[r1 + 1] += alpha * c11; c[r1 + 2] += alpha * c12; c[r1 + 3] += alpha * c13;
        c[r2] += alpha * c20; c[r2 + 1] += alpha * c21; c[r2 + 2] += alpha * c22; c[r2 + 3] += alpha * c23;
        c[r3] += alpha * c30; c[r3 + 1] += alpha * c31; c[r3 + 2] += alpha * c32; c[r3 + 3] += alpha * c33;
    }

    private static double dot(int k, double[] a, int aStart, int ap, double[] b, int bStart, int bp) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
            sum += a[aStart + p * ap] * b[bStart + p * bp];
        }
        return sum;
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
}
