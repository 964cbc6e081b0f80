package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.init.internal.InitializerContractTest.LSTM_RECURRENT;
import static org.rnnlab.init.internal.InitializerContractTest.assertOneLineError;
import static org.rnnlab.init.internal.InitializerContractTest.fill;
import static org.rnnlab.init.internal.InitializerContractTest.options;

import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

class XavierUniformInitializerTest {
    private final XavierUniformInitializer xavier = new XavierUniformInitializer();

    /**
     * U(-a, a) has mean 0 and variance a^2/3; the sample moments of n draws must lie within five
     * standard errors (Var(x^2) = 4a^4/45 for the variance). Seeded, so the test is deterministic.
     */
    @Test
    void sampleMomentsAndBoundsMatchTheUniformDistribution() {
        ParameterSpec spec = ParameterSpec.of("weight_ih", 300, 400, ParameterRole.INPUT_WEIGHTS);
        double a = Math.sqrt(6.0 / (400 + 300));
        DMatrixRMaj w = fill(xavier.configure(Options.empty()), spec, 11);
        int n = w.getNumElements();
        double sum = 0;
        double sumSq = 0;
        for (double x : w.data) {
            assertTrue(Math.abs(x) <= a, () -> x + " outside [-" + a + ", " + a + "]");
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        assertEquals(0, mean, 5 * Math.sqrt(a * a / 3 / n));
        assertEquals(a * a / 3, variance, 5 * Math.sqrt(4 * a * a * a * a / 45 / n));
    }

    /** fan_out of a gated parameter is one gate block's rows; gain scales the bound. */
    @ParameterizedTest
    @ValueSource(doubles = { 1, 2.5 })
    void gatedBoundUsesGateRowsAndGain(double gain) {
        ParameterSpec spec = new ParameterSpec("weight_ih", 4 * 50, 30, ParameterRole.INPUT_WEIGHTS,
                List.of("i", "f", "g", "o"), true);
        double a = gain * Math.sqrt(6.0 / (30 + 50));
        DMatrixRMaj w = fill(xavier.configure(options("xavier-uniform", "gain", String.valueOf(gain))), spec, 5);
        double maxAbs = Arrays.stream(w.data).map(Math::abs).max().orElseThrow();
        assertTrue(maxAbs <= a && maxAbs > 0.99 * a, () -> "largest |w| " + maxAbs + " for bound " + a);
    }

    @Test
    void differentSeedsGiveDifferentValues() {
        DMatrixRMaj one = fill(xavier.configure(Options.empty()), LSTM_RECURRENT, 1);
        DMatrixRMaj two = fill(xavier.configure(Options.empty()), LSTM_RECURRENT, 2);
        assertTrue(one.get(0, 0) != two.get(0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "0", "x", "NaN", "Infinity" })
    void badGainIsRejected(String gain) {
        assertOneLineError("gain=" + gain, () -> xavier.configure(options("xavier-uniform", "gain", gain)));
    }
}
