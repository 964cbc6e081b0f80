package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.backend.MatrixBackend;

class GemmLimitTest {
    /** A plain triple loop that records the shapes it is asked for. */
    private static final class Recording implements MatrixBackend {
        final List<String> shapes = new ArrayList<>();

        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset, int lda,
                double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
            String shape = m + "x" + k + " by " + k + "x" + n;
            if (shapes.isEmpty() || !shapes.get(shapes.size() - 1).equals(shape)) {
                shapes.add(shape);
            }
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
        double gflops = GemmLimit.gflops(backend, 4, 3, 5, GemmLimit.gates("lstm"));
        assertTrue(gflops > 0 && Double.isFinite(gflops), "a speed: " + gflops);
        assertEquals(List.of("4x5 by 5x20", "20x12 by 12x5"), backend.shapes,
                "per time step B x H by H x 4H, per window 4H x BT by BT x H");
    }

    @Test
    void gatesAreTheWidthOfTheCellsStackedWeights() {
        assertEquals(4, GemmLimit.gates("lstm"));
        assertEquals(3, GemmLimit.gates("gru"));
        assertEquals(1, GemmLimit.gates("rnn-tanh"));
    }
}
