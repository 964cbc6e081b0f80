package org.rnnlab.backend.blas;

import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.core.backend.JavaGemm;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Row-major GEMM on a netlib BLAS, which is column-major. A row-major matrix read column-major
 * is its transpose, and {@code C = alpha op(A) op(B) + beta C} transposed is
 * {@code C' = alpha op(B)' op(A)' + beta C'}: so dgemm gets B first, the shape n x m x k, and
 * each operand keeps its own transpose flag, offset and leading dimension.
 */
class NetlibGemm implements MatrixBackend {
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
        blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, y.data, y.offset, y.ld, x.data,
                x.offset, x.ld, beta, c, cOffset, ldc);
    }

    /**
     * An operand in a form netlib accepts. Netlib requires {@code offset + rows * ld <= length},
     * which a block narrower than its leading dimension fails when it ends the array, although
     * every element it reads is inside: such a block is copied out densely.
     */
    private record Operand(double[] data, int offset, int ld) {
        static Operand of(double[] x, int offset, int rows, int cols, int ld) {
            if ((long) offset + (long) rows * ld <= x.length) {
                return new Operand(x, offset, ld);
            }
            double[] dense = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, offset + r * ld, dense, r * cols, cols);
            }
            return new Operand(dense, 0, cols);
        }
    }
}
