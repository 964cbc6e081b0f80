package org.rnnlab.api.backend;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Single-precision products, offered by a {@link MatrixBackend} service that also implements this
 * interface (the {@code native} and {@code java-vector} backends do). A run with
 * {@code precision=single} multiplies its heavy products in float32 through it and keeps its
 * parameters, optimizer state and every sum between products in float64; a backend without it
 * serves float64 runs only.
 *
 * <p>The same contract as {@link MatrixBackend#gemm}, on float arrays: row-major, offsets and
 * leading dimensions; with {@code beta == 0}, C is overwritten and never read. Implementations
 * must be stateless and thread-safe.
 */
@ConsumerType
public interface FloatGemm {
    /** {@code C = alpha * op(A) * op(B) + beta * C} in float32. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
            float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);

    /**
     * The float64 B (the operand op(B), {@code k x n}) laid out once for many float32 products
     * with it ({@link #sgemm(int, float, double[], int, int, PreparedOperand, double, double[], int,
     * int)}), as {@link MatrixBackend#prepare} does for float64 products: what is laid out is a
     * copy, rounded to float32, that stands for B until B changes; {@code previous}, if not null,
     * is given up for its storage. The default lays out nothing (a null
     * {@link PreparedOperand#layout}), and a run then keeps float32 copies of its own.
     *
     * @since 1.4
     */
    default PreparedOperand prepareSingle(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
            PreparedOperand previous) {
        return new PreparedOperand(transB, n, k, b, bOffset, ldb, null);
    }

    /**
     * One product of {@code precision=single} with a prepared op(B), on float64 arrays:
     * {@code C = beta * C + widen(alpha * round(A) * round(op(B)))}, A being {@code m x k} and C
     * {@code m x n}: A and B rounded to float32, the sum and alpha in float32, the result widened
     * and added to {@code beta * C} in float64 (with {@code beta == 0}, C is overwritten and never
     * read). A backend that lays operands out computes each row of C the same way whatever m is,
     * so that threads sharing the rows get one thread's bits. The default rounds A and B into new
     * arrays at each call and multiplies them with {@link #sgemm(boolean, boolean, int, int, int,
     * float, float[], int, int, float[], int, int, float, float[], int, int) sgemm}: its rows are
     * as independent of m as that sgemm's are (a BLAS does not promise it).
     *
     * @since 1.4
     */
    default void sgemm(int m, float alpha, double[] a, int aOffset, int lda, PreparedOperand b, double beta,
            double[] c, int cOffset, int ldc) {
        int n = b.n();
        int k = b.k();
        float[] x = new float[m * k];
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < k; j++) {
                x[r * k + j] = (float) a[aOffset + r * lda + j];
            }
        }
        int rowsOfB = b.transposed() ? n : k;
        int colsOfB = b.transposed() ? k : n;
        float[] y = new float[rowsOfB * colsOfB];
        for (int r = 0; r < rowsOfB; r++) {
            for (int j = 0; j < colsOfB; j++) {
                y[r * colsOfB + j] = (float) b.source()[b.offset() + r * b.ld() + j];
            }
        }
        float[] product = new float[m * n];
        sgemm(false, b.transposed(), m, n, k, alpha, x, 0, k, y, 0, colsOfB, 0, product, 0, n);
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                int at = cOffset + r * ldc + j;
                c[at] = beta == 0 ? product[r * n + j] : beta * c[at] + product[r * n + j];
            }
        }
    }
}
