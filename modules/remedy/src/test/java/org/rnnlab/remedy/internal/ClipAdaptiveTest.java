package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.remedy.internal.RemedyFixtures.assertRejected;
import static org.rnnlab.remedy.internal.RemedyFixtures.configure;

import java.util.HashMap;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.testkit.LooseGradients;

/** Unit-wise adaptive clipping on cases small enough to follow by hand. */
class ClipAdaptiveTest {
    private static final double TOLERANCE = 1e-17;
    private final Map<String, Double> report = new HashMap<>();

    @Test
    void defaultsToTheValuesOfBrockEtAl() {
        assertEquals(new ClipAdaptive(0.01, 1e-3), configure(new ClipAdaptiveRemedy(), "clip-adaptive"));
    }

    /**
     * Rows of a weight matrix are units: row 0 has ‖W‖ = 5 and ‖G‖ = 0.5, a ratio of 0.1 &gt; 0.01,
     * so G is rescaled to norm 0.01 · 5 = 0.05; row 1 has ‖W‖ = 0, measured as eps = 1e-3, and
     * ‖G‖ = 1, rescaled to norm 1e-5; row 2 has ratio 0.01 / 5 = 0.002 and stays.
     */
    @Test
    void eachRowOfAWeightMatrixIsClippedAgainstItsOwnWeightNorm() {
        DMatrixRMaj weights = new DMatrixRMaj(3, 2, true, 3, 4, 0, 0, 3, -4);
        DMatrixRMaj gradient = new DMatrixRMaj(3, 2, true, 0.3, 0.4, 1, 0, 0.006, 0.008);
        LooseGradients model = new LooseGradients().add(weights, gradient, ParameterRole.INPUT_WEIGHTS, true);

        configure(new ClipAdaptiveRemedy(), "clip-adaptive").adjust(model, report);

        assertArrayEquals(new double[] { 0.03, 0.04, 1e-5, 0, 0.006, 0.008 }, gradient.data, TOLERANCE);
        assertEquals(2.0, report.get("clipped"));
        assertEquals(Math.sqrt(0.25 + 1 + 0.0001), report.get("norm"), 1e-15);
        assertArrayEquals(new double[] { 3, 4, 0, 0, 3, -4 }, weights.data, "weights are never changed");
    }

    /** A bias is a 1 x n row and so one unit: zero weights give it the norm eps. */
    @Test
    void aBiasIsClippedAsAWholeVector() {
        DMatrixRMaj gradient = new DMatrixRMaj(1, 3, true, 3e-5, 4e-5, 0);
        LooseGradients model = new LooseGradients()
                .add(new DMatrixRMaj(1, 3), gradient, ParameterRole.BIAS, true);

        configure(new ClipAdaptiveRemedy(), "clip-adaptive").adjust(model, report);

        // ‖G‖ = 5e-5 against 0.01 · 1e-3 = 1e-5: scaled by 0.2.
        assertArrayEquals(new double[] { 6e-6, 8e-6, 0 }, gradient.data, TOLERANCE);
        assertEquals(1.0, report.get("clipped"));
    }

    @Test
    void clippingAndEpsAreOptions() {
        DMatrixRMaj gradient = new DMatrixRMaj(2, 2, true, 3, 4, 0.3, 0.4);
        DMatrixRMaj weights = new DMatrixRMaj(2, 2, true, 0.01, 0, 1, 0);
        LooseGradients model = new LooseGradients().add(weights, gradient, ParameterRole.RECURRENT_WEIGHTS, true);

        configure(new ClipAdaptiveRemedy(), "clip-adaptive", "clipping", "0.5", "eps", "0.1").adjust(model, report);

        // Row 0: max(0.01, 0.1) = 0.1, ratio 50, rescaled to norm 0.05. Row 1: ratio 0.5, not above.
        assertArrayEquals(new double[] { 0.03, 0.04, 0.3, 0.4 }, gradient.data, 1e-16);
        assertEquals(1.0, report.get("clipped"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "clipping, 0, clipping=0 is not accepted; expected a number > 0",
            "eps, -1e-3, eps=-1e-3 is not accepted; expected a number > 0",
            "eps, tiny, eps=tiny is not accepted; expected a number",
            "lambda, 1, 'unknown option ''lambda'' for clip-adaptive; accepted: clipping, eps'" })
    void badOptionsGetOneLineMessages(String key, String value, String expected) {
        assertRejected(expected, new ClipAdaptiveRemedy(), "clip-adaptive", key, value);
    }
}
