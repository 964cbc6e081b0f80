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

    /**
     * Lays out op(B) ({@code k x n}, B row-major at {@code bOffset} with row stride {@code ldb})
     * for many products with it ({@link #gemm(int, double, double[], int, int, PreparedOperand,
     * double, double[], int, int)}). What is laid out is a copy: it stands for B only until B
     * changes, and the caller prepares again then. {@code previous}, if not null, is given up:
     * the backend may reuse its storage, so that preparing at every training step allocates
     * nothing. The default lays out nothing, and its products read B itself.
     */
    default PreparedOperand prepare(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
            PreparedOperand previous) {
        return new PreparedOperand(transB, n, k, b, bOffset, ldb, null);
    }

    /**
     * {@code C = alpha * A * op(B) + beta * C} with a prepared op(B): A is {@code m x k}, C
     * {@code m x n}. The same contract as {@link #gemm(boolean, boolean, int, int, int, double,
     * double[], int, int, double[], int, int, double, double[], int, int) gemm}, and each row of C
     * is computed the same way whatever m is, so threads that take a share of the rows each get the
     * bits of one thread's product.
     */
    default void gemm(int m, double alpha, double[] a, int aOffset, int lda, PreparedOperand b, double beta,
            double[] c, int cOffset, int ldc) {
        gemm(false, b.transposed(), m, b.n(), b.k(), alpha, a, aOffset, lda, b.source(), b.offset(), b.ld(), beta, c,
                cOffset, ldc);
    }

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
