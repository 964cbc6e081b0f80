package org.rnnlab.api.backend;

import org.ejml.data.DMatrixRMaj;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The heavy products of the cells: row-major GEMM on raw arrays with offsets, so a kernel can
 * multiply the block of rows of one time step inside a window matrix without copying.
 * Registered with {@code rnnlab.name} ({@code java}, {@code ejml}, {@code native}, ...).
 *
 * <p>Implementations must be stateless and thread-safe, and agree with a plain triple loop to
 * 1e-12 relative; they may reorder the sums (so results differ in the last bits between
 * backends, never between two runs on the same backend).
 */
@ConsumerType
public interface MatrixBackend {
    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, where op(A) is {@code m x k}, op(B) is
     * {@code k x n} and C is {@code m x n}, all row-major with leading dimensions (row strides)
     * {@code lda}, {@code ldb}, {@code ldc}. With {@code beta == 0}, C is overwritten (never
     * read, so it may hold NaN).
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset, int lda,
            double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc);

    /** {@code C = alpha * op(A) * op(B) + beta * C} on whole matrices. */
    default void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int n = transB ? b.numRows : b.numCols;
        if ((transB ? b.numCols : b.numRows) != k || c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("gemm shapes do not agree: " + a.numRows + "x" + a.numCols + ", "
                    + b.numRows + "x" + b.numCols + " into " + c.numRows + "x" + c.numCols);
        }
        gemm(transA, transB, m, n, k, alpha, a.data, 0, a.numCols, b.data, 0, b.numCols, beta, c.data, 0, c.numCols);
    }
}
