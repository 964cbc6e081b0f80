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
    private final BLAS blas;

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
        Operand x = Operand.of(a, aOffset, transA ? k : m, transA ? m : k, lda);
        Operand y = Operand.of(b, bOffset, transB ? n : k, transB ? k : n, ldb);
        blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, (double[]) y.data, y.offset, y.ld,
                (double[]) x.data, x.offset, x.ld, beta, c, cOffset, ldc);
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
