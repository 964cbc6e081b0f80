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
}
