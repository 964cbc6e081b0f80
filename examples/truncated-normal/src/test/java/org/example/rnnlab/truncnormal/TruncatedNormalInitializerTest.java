package org.example.rnnlab.truncnormal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

class TruncatedNormalInitializerTest {
    /** A RandomSource from the JDK, so this example needs nothing but the API. */
    private static RandomSource random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new RandomSource() {
            @Override
            public long nextLong() {
                return random.nextLong();
            }

            @Override
            public long[] state() {
                throw new UnsupportedOperationException("this test never saves generator state");
            }

            @Override
            public void restore(long[] state) {
                throw new UnsupportedOperationException("this test never saves generator state");
            }
        };
    }

    @Test
    void drawsStayWithinTwoStandardDeviationsWithTheTruncatedVariance() {
        ParameterSpec spec = ParameterSpec.of("weight_ih", 200, 400, ParameterRole.INPUT_WEIGHTS);
        DMatrixRMaj w = new DMatrixRMaj(200, 400);
        new TruncatedNormalInitializer().configure(Options.of("truncated-normal", Map.of("std", "0.5")))
                .fill(w, spec, random(3));
        double sumSq = 0;
        for (double v : w.data) {
            assertTrue(Math.abs(v) <= 1.0);
            sumSq += v * v;
        }
        // Variance of N(0,1) truncated to [-2, 2] is 1 - 4 phi(2) / (Phi(2) - Phi(-2)) = 0.7737.
        double expected = 0.25 * 0.77374;
        assertEquals(expected, sumSq / w.data.length, 5 * expected * Math.sqrt(2.0 / w.data.length));
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(RnnlabException.class,
                () -> new TruncatedNormalInitializer().configure(Options.of("truncated-normal", Map.of("std", "-1"))));
        assertThrows(RnnlabException.class,
                () -> new TruncatedNormalInitializer().configure(Options.of("truncated-normal", Map.of("mean", "0"))));
    }
}
