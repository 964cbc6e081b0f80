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
    /** op(A) rows per block: half of a core's L2 here (512 KB), next to a packed strip of op(B). */
    private static final int ROW_BLOCK_BYTES = 256 * 1024;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

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
        // Goto & van de Geijn's loop order, with both operands packed: a block of op(A)'s row
        // tiles (about ROW_BLOCK_BYTES) and one 4-column strip of op(B) at a time are copied into
        // contiguous buffers, so the tile kernel reads memory in order whatever the transposes
        // and each strip is read from memory once per block. Each tile still sums over all of k
        // in order, so packing changes no result.
        int rowBlock = Math.max(TILE, ROW_BLOCK_BYTES / (Double.BYTES * k) / TILE * TILE);
        Buffers buffers = BUFFERS.get().fit(Math.min(rowBlock, mTiled) * k, TILE * k);
        double[] aPack = buffers.a;
        double[] bPack = buffers.b;
        for (int i0 = 0; i0 < mTiled; i0 += rowBlock) {
            int iEnd = Math.min(mTiled, i0 + rowBlock);
            for (int i = i0; i < iEnd; i += TILE) {
                pack(a, aOff + i * ai, ai, ap, k, aPack, (i - i0) * k);
            }
            for (int j = 0; j < nTiled; j += TILE) {
                pack(b, bOff + j * bj, bj, bp, k, bPack, 0);
                for (int i = i0; i < iEnd; i += TILE) {
                    tile(aPack, (i - i0) * k, bPack, k, alpha, c, cOff + i * ldc + j, ldc);
                }
            }
        }
        for (int i = 0; i < mTiled; i++) {
            for (int j = nTiled; j < n; j++) {
                c[cOff + i * ldc + j] += alpha * dot(k, a, aOff + i * ai, ap, b, bOff + j * bj, bp);
            }
        }
        for (int i = mTiled; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] += alpha * dot(k, a, aOff + i * ai, ap, b, bOff + j * bj, bp);
            }
        }
    }

    /**
     * Copies four lines of a matrix (line r starts at {@code start + r * across}, element p at
     * {@code p * along}) into {@code packed} from {@code at}, interleaved: element p of line r at
     * {@code at + 4p + r}.
     */
    private static void pack(double[] source, int start, int across, int along, int k, double[] packed, int at) {
        for (int p = 0; p < k; p++) {
            int from = start + p * along;
            int to = at + TILE * p;
            packed[to] = source[from];
            packed[to + 1] = source[from + across];
            packed[to + 2] = source[from + 2 * across];
            packed[to + 3] = source[from + 3 * across];
        }
    }

    /** One 4 x 4 tile of C from packed rows of op(A) and a packed strip of op(B). */
    private static void tile(double[] a, int aStart, double[] b, int k, double alpha, double[] c, int cStart, int ldc) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < k; p++) {
            int ao = aStart + TILE * p;
            int bo = TILE * p;
            double x0 = a[ao];
            double x1 = a[ao + 1];
            double x2 = a[ao + 2];
            double x3 = a[ao + 3];
            double y0 = b[bo];
            double y1 = b[bo + 1];
            double y2 = b[bo + 2];
            double y3 = b[bo + 3];
            c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
            c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
            c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
            c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
        }
        int r0 = cStart;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        c[r0] += alpha * c00; c[r0 + 1] += alpha * c01; c[r0 + 2] += alpha * c02; c[r0 + 3] += alpha * c03;
        c[r1] += alpha * c10; c[r1 + 1] += alpha * c11; c[r1 + 2] += alpha * c12; c[r1 + 3] += alpha * c13;
        c[r2] += alpha * c20; c[r2 + 1] += alpha * c21; c[r2 + 2] += alpha * c22; c[r2 + 3] += alpha * c23;
        c[r3] += alpha * c30; c[r3 + 1] += alpha * c31; c[r3 + 2] += alpha * c32; c[r3 + 3] += alpha * c33;
    }

    /** Packing buffers of the calling thread, grown on demand (training threads reuse theirs). */
    private static final class Buffers {
        double[] a = new double[0];
        double[] b = new double[0];

        Buffers fit(int aSize, int bSize) {
            if (a.length < aSize) {
                a = new double[aSize];
            }
            if (b.length < bSize) {
                b = new double[bSize];
            }
            return this;
        }
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
