package org.rnnlab.testkit;

import java.util.Arrays;
import java.util.Random;

import org.rnnlab.api.backend.MatrixBackend;

/**
 * Compares a {@link MatrixBackend} with a reference backend on one GEMM case whose operands sit
 * at offsets inside larger arrays, with rows padded beyond their width, so that mixing up
 * offsets, leading dimensions or transposes shows as a disagreement.
 */
public final class BackendCheck {
    private BackendCheck() {
    }

    /**
     * The worst relative error of {@code candidate} against {@code reference} for
     * {@code C = alpha * op(A) * op(B) + beta * C}: differences inside the product are scaled by
     * the largest expected magnitude (at least 1), as in the conformance cases; any change to C
     * outside the product counts as an infinite error. With {@code beta == 0}, C starts as NaN,
     * which a backend must not read. With {@code tightArrays}, the arrays of A and B end at
     * their last element instead of after a whole padded row.
     */
    public static double worstError(MatrixBackend candidate, MatrixBackend reference, boolean transA,
            boolean transB, int m, int n, int k, double alpha, double beta, boolean tightArrays, long seed) {
        Random rng = new Random(seed);
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + 3;
        int ldb = bCols + 2;
        int ldc = n + 1;
        double[] a = random(rng, 5 + length(aRows, aCols, lda, tightArrays));
        double[] b = random(rng, 4 + length(bRows, bCols, ldb, tightArrays));
        double[] c = beta == 0 ? nan(3 + m * ldc) : random(rng, 3 + m * ldc);
        double[] expected = c.clone();
        reference.gemm(transA, transB, m, n, k, alpha, a, 5, lda, b, 4, ldb, beta, expected, 3, ldc);
        candidate.gemm(transA, transB, m, n, k, alpha, a, 5, lda, b, 4, ldb, beta, c, 3, ldc);
        return worst(expected, c, 3, m, n, ldc);
    }

    private static int length(int rows, int cols, int ld, boolean tight) {
        return tight ? (rows - 1) * ld + cols : rows * ld;
    }

    private static double worst(double[] expected, double[] actual, int offset, int m, int n, int ldc) {
        double scale = 1;
        for (double e : expected) {
            scale = Double.isNaN(e) ? scale : Math.max(scale, Math.abs(e));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            int row = (i - offset) / ldc;
            int col = (i - offset) % ldc;
            boolean inProduct = i >= offset && row < m && col < n;
            double difference = Math.abs(actual[i] - expected[i]);
            if (inProduct) {
                worst = Math.max(worst, Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference / scale);
            } else if (Double.compare(actual[i], expected[i]) != 0) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return worst;
    }

    private static double[] random(Random rng, int length) {
        double[] x = new double[length];
        Arrays.setAll(x, i -> 2 * rng.nextDouble() - 1);
        return x;
    }

    private static double[] nan(int length) {
        double[] x = new double[length];
        Arrays.fill(x, Double.NaN);
        return x;
    }
}
