package org.rnnlab.backend.blas;

import java.lang.reflect.Array;

import org.rnnlab.api.backend.FloatGemm;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.core.backend.JavaGemm;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Row-major GEMM on a netlib BLAS, which is column-major. A row-major matrix read column-major
 * is its transpose, and {@code C = alpha op(A) op(B) + beta C} transposed is
 * {@code C' = alpha op(B)' op(A)' + beta C'}: so dgemm gets B first, the shape n x m x k, and
 * each operand keeps its own transpose flag, offset and leading dimension. The same holds for
 * sgemm, the float32 products of {@code precision=single}.
 */
class NetlibGemm implements MatrixBackend, FloatGemm {
    /**
     * The depth from which a tall product with a transposed A is multiplied as its transpose:
     * OpenBLAS and netlib's VectorBLAS both run C' = B' A 6–47 % faster than C = A' B when C has
     * more rows than columns and k is long (dW_hh = dA' h over a window: 49.3 against 43.6 GFLOP/s
     * at 1024 x 256, k = 2016, one OpenBLAS thread; 30.7 against 28.9 on VectorBLAS; dW_ih of 65
     * inputs 41.5 against 28.2), but slower at k = 32 (43.8 against 48.0). Float32 keeps the direct
     * product: OpenBLAS's sgemm runs dA' h at that shape at 96–99 GFLOP/s, the transposed product
     * with its add at 91–92 (one thread, timed by a throwaway program).
     */
    static final int TRANSPOSED_DEPTH = 256;

    private final BLAS blas;
    /** Each thread's C' for {@link #TRANSPOSED_DEPTH}'s products, grown on demand. */
    private final ThreadLocal<double[]> transposed = ThreadLocal.withInitial(() -> new double[0]);

    NetlibGemm(BLAS blas) {
        this.blas = blas;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // Only beta * C remains; netlib would reject the zero leading dimension an empty operand may have.
            JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc);
            return;
        }
        if (transA && !transB && m > n && k >= TRANSPOSED_DEPTH) {
            // C' = alpha B' A (n x m, as B' A = (A' B)'), then C = beta C + (C')'.
            double[] product = transposed.get();
            if (product.length < m * n) {
                product = new double[m * n];
                transposed.set(product);
            }
            gemm(true, false, n, m, k, alpha, b, bOffset, ldb, a, aOffset, lda, 0, product, 0, m);
            addTransposed(product, m, n, beta, c, cOffset, ldc);
            return;
        }
        Operand x = Operand.of(a, aOffset, transA ? k : m, transA ? m : k, lda);
        Operand y = Operand.of(b, bOffset, transB ? n : k, transB ? k : n, ldb);
        blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, (double[]) y.data, y.offset, y.ld,
                (double[]) x.data, x.offset, x.ld, beta, c, cOffset, ldc);
    }

    /**
     * {@code C = beta C + product'} for the m x n C, {@code product} being n x m, in 8 x 8 tiles: the
     * rows of a product this size are a power-of-two apart, and more of them at once would
     * contend for the same cache sets (16 at a time took 1.8 times as long). β = 0 ignores C, as
     * BLAS does.
     */
    private static void addTransposed(double[] product, int m, int n, double beta, double[] c, int cOffset, int ldc) {
        for (int i0 = 0; i0 < m; i0 += 8) {
            int iEnd = Math.min(m, i0 + 8);
            for (int j0 = 0; j0 < n; j0 += 8) {
                int jEnd = Math.min(n, j0 + 8);
                for (int i = i0; i < iEnd; i++) {
                    int row = cOffset + i * ldc;
                    for (int j = j0; j < jEnd; j++) {
                        double value = product[j * m + i];
                        c[row + j] = beta == 0 ? value : beta == 1 ? c[row + j] + value : beta * c[row + j] + value;
                    }
                }
            }
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < n; j++) {
                    int at = cOffset + r * ldc + j;
                    c[at] = beta == 0 ? 0 : beta * c[at];
                }
            }
            return;
        }
        Operand x = Operand.of(a, aOffset, transA ? k : m, transA ? m : k, lda);
        Operand y = Operand.of(b, bOffset, transB ? n : k, transB ? k : n, ldb);
        blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, (float[]) y.data, y.offset, y.ld,
                (float[]) x.data, x.offset, x.ld, beta, c, cOffset, ldc);
    }

    /**
     * An operand in a form netlib accepts. Netlib requires {@code offset + rows * ld <= length},
     * which a block narrower than its leading dimension fails when it ends the array, although
     * every element it reads is inside: such a block is copied out densely.
     */
    private record Operand(Object data, int offset, int ld) {
        /** @param x a double[] or a float[] */
        static Operand of(Object x, int offset, int rows, int cols, int ld) {
            if ((long) offset + (long) rows * ld <= Array.getLength(x)) {
                return new Operand(x, offset, ld);
            }
            Object dense = Array.newInstance(x.getClass().getComponentType(), rows * cols);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, offset + r * ld, dense, r * cols, cols);
            }
            return new Operand(dense, 0, cols);
        }
    }
}
