package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.backend.FloatGemm;
import org.rnnlab.api.backend.MatrixBackend;

class GemmLimitTest {
    /** A plain triple loop that records each shape it is asked for once, in float64 and in float32. */
    private static final class Recording implements MatrixBackend, FloatGemm {
        final List<String> shapes = new ArrayList<>();

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
                int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            record("float32 " + m + "x" + k + " by " + k + "x" + n);
        }

        private synchronized void record(String shape) {
            if (!shapes.contains(shape)) {
                shapes.add(shape);
            }
        }

        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset, int lda,
                double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
            record(m + "x" + k + " by " + k + "x" + n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += a[aOffset + i * lda + p] * b[bOffset + p * ldb + j];
                    }
                    c[cOffset + i * ldc + j] = alpha * sum + beta * c[cOffset + i * ldc + j];
                }
            }
        }
    }

    @Test
    void theLimitIsMeasuredAtTheStepsTwoShapesOnTheGivenBackend() {
        Recording backend = new Recording();
        double gflops = GemmLimit.gflops(backend, false, 1, 4, 3, 5, GemmLimit.gates("lstm"));
        assertTrue(gflops > 0 && Double.isFinite(gflops), "a speed: " + gflops);
        assertEquals(List.of("4x5 by 5x20", "20x12 by 12x5"), backend.shapes,
                "per time step B x H by H x 4H, per window 4H x BT by BT x H");
    }

    @Test
    void inSinglePrecisionTheLimitIsTheBackendsSgemm() {
        Recording backend = new Recording();
        double gflops = GemmLimit.gflops(backend, true, 1, 4, 3, 5, GemmLimit.gates("lstm"));
        assertTrue(gflops > 0 && Double.isFinite(gflops), "a speed: " + gflops);
        assertEquals(List.of("float32 4x5 by 5x20", "float32 20x12 by 12x5"), backend.shapes);
    }

    @Test
    void onTwoThreadsEachMultipliesItsOwnHalfOfTheRows() {
        Recording backend = new Recording();
        double gflops = GemmLimit.gflops(backend, false, 2, 21, 3, 5);
        assertTrue(gflops > 0 && Double.isFinite(gflops), "a speed: " + gflops);
        assertEquals(java.util.Set.of("8x5 by 5x3", "13x5 by 5x3"), java.util.Set.copyOf(backend.shapes),
                "rows split as a run with threads=2 splits them, the remainder to the last block");
    }

    @Test
    void gatesAreTheWidthOfTheCellsStackedWeights() {
        assertEquals(4, GemmLimit.gates("lstm"));
        assertEquals(3, GemmLimit.gates("gru"));
        assertEquals(1, GemmLimit.gates("rnn-tanh"));
    }
}
