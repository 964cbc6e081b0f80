package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.backend.FloatGemm;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;

class GemmLimitTest {
    /**
     * A plain triple loop that records each shape it is asked for once, in float64 and in float32;
     * it reads op(A) and op(B) through the leading dimensions given, so operands stored otherwise
     * than the layout says would read past their ends.
     */
    private static class Recording implements MatrixBackend, FloatGemm {
        final List<String> shapes = new ArrayList<>();

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
                int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            record("float32 " + layout(transA, transB) + " " + m + "x" + k + " by " + k + "x" + n);
        }

        private static String layout(boolean transA, boolean transB) {
            return (transA ? "T" : "N") + (transB ? "T" : "N");
        }

        private synchronized void record(String shape) {
            if (!shapes.contains(shape)) {
                shapes.add(shape);
            }
        }

        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset, int lda,
                double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
            record(layout(transA, transB) + " " + m + "x" + k + " by " + k + "x" + n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += a[aOffset + (transA ? p * lda + i : i * lda + p)]
                                * b[bOffset + (transB ? j * ldb + p : p * ldb + j)];
                    }
                    c[cOffset + i * ldc + j] = alpha * sum + beta * c[cOffset + i * ldc + j];
                }
            }
        }
    }

    @Test
    void theLimitIsMeasuredAtTheStepsProductsInTrainingsLayoutsOnTheGivenBackend() {
        Recording backend = new Recording();
        double gflops = GemmLimit.gflops(backend, false, 1, 4, 3, 5, GemmLimit.gates("lstm"));
        assertTrue(gflops > 0 && Double.isFinite(gflops), "a speed: " + gflops);
        assertEquals(List.of("NT 4x5 by 5x20", "NN 4x20 by 20x5", "TN 20x8 by 8x5", "TN 20x4 by 4x5"), backend.shapes,
                "per time step h W^T (B x H by (4H x H)^T) and dA W (B x 4H by 4H x H); per window dA^T h over "
                        + "the outputs h_0..h_{T-2} and over the initial state");
    }

    @Test
    void inSinglePrecisionTheLimitIsTheBackendsSgemm() {
        Recording backend = new Recording();
        double gflops = GemmLimit.gflops(backend, true, 1, 4, 3, 5, GemmLimit.gates("lstm"));
        assertTrue(gflops > 0 && Double.isFinite(gflops), "a speed: " + gflops);
        assertEquals(List.of("float32 NT 4x5 by 5x20", "float32 NN 4x20 by 20x5", "float32 TN 20x8 by 8x5",
                "float32 TN 20x4 by 4x5"), backend.shapes);
    }

    /** As {@link Recording}, laying op(B) out for float32 products (the native backend with AVX-512). */
    private static final class LayingOut extends Recording {
        final java.util.Set<String> laidOutShapes = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public PreparedOperand prepareSingle(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
                PreparedOperand previous) {
            return new PreparedOperand(transB, n, k, b, bOffset, ldb, "laid out");
        }

        @Override
        public void sgemm(int m, float alpha, double[] a, int aOffset, int lda, PreparedOperand b, double beta,
                double[] c, int cOffset, int ldc) {
            laidOutShapes.add(m + "x" + b.k() + " by " + b.k() + "x" + b.n());
            super.sgemm(m, alpha, a, aOffset, lda, b, beta, c, cOffset, ldc); // the default: rounds, then sgemm
        }
    }

    @Test
    void inSinglePrecisionTheStepsProductsMultiplyByTheLayoutWhereTheBackendMakesOne() {
        LayingOut backend = new LayingOut();
        GemmLimit.gflops(backend, true, 1, 4, 3, 5, GemmLimit.gates("lstm"));
        assertEquals(List.of("float32 NT 4x5 by 5x20", "float32 NN 4x20 by 20x5", "float32 TN 20x8 by 8x5",
                "float32 TN 20x4 by 4x5"), backend.shapes);
        assertEquals(java.util.Set.of("4x5 by 5x20", "4x20 by 20x5"), backend.laidOutShapes,
                "the two per-step products multiply by the layout");
    }

    @Test
    void onTwoThreadsEachMultipliesItsOwnBlockOfTheRowsOrColumns() {
        Recording backend = new Recording();
        double gflops = GemmLimit.gflops(backend, false, 2, new GemmLimit.Shape(true, false, 21, 3, 5, false, 1));
        assertTrue(gflops > 0 && Double.isFinite(gflops), "a speed: " + gflops);
        assertEquals(java.util.Set.of("TN 8x5 by 5x3", "TN 13x5 by 5x3"), java.util.Set.copyOf(backend.shapes),
                "the window's product by rows as a run with threads=2 splits it, the remainder to the last block");
        backend.shapes.clear();
        GemmLimit.gflops(backend, false, 2, new GemmLimit.Shape(false, true, 3, 21, 5, true, 1));
        assertEquals(java.util.Set.of("NT 3x5 by 5x8", "NT 3x5 by 5x13"), java.util.Set.copyOf(backend.shapes),
                "a step's product by columns: each thread its own hidden units");
    }

    @Test
    void gatesAreTheWidthOfTheCellsStackedWeights() {
        assertEquals(4, GemmLimit.gates("lstm"));
        assertEquals(3, GemmLimit.gates("gru"));
        assertEquals(1, GemmLimit.gates("rnn-tanh"));
    }
}
