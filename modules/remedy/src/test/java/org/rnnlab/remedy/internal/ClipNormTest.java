package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.testkit.LooseGradients;

class ClipNormTest {
    private final Map<String, Double> report = new HashMap<>();

    private static Remedy clipNorm(String... keyValues) {
        Options options = Options.of("clip-norm", Map.of());
        for (int i = 0; i < keyValues.length; i += 2) {
            options = options.with(keyValues[i], keyValues[i + 1]);
        }
        return new ClipNormRemedy().configure(options);
    }

    @Test
    void defaultsToL2NormAtMostOneBeforeTheUpdate() {
        Remedy clip = clipNorm();
        assertEquals(new ClipNorm(1, false), clip);
        assertEquals(HookPoint.GRADIENTS, clip.hookPoint());
    }

    /** The infinity norm is the largest |g| over all gradients, as torch's norm_type=inf. */
    @Test
    void infinityNormUsesTheLargestMagnitude() {
        LooseGradients model = new LooseGradients().add(1, -4).add(2, 0.5, 3);
        assertTrue(clipNorm("max", "2", "norm", "inf").adjust(model, report));
        double coefficient = 2 / (4 + 1e-6);
        assertArrayEquals(new double[] { coefficient, -4 * coefficient }, model.gradient(0).data);
        assertArrayEquals(new double[] { 2 * coefficient, 0.5 * coefficient, 3 * coefficient }, model.gradient(1).data);
        assertEquals(Map.of("norm", 4.0, "clipped", 1.0), report);
    }

    @Test
    void normsBelowMaxLeaveGradientsAlone() {
        LooseGradients model = new LooseGradients().add(1, -4).add(2, 0.5, 3);
        assertTrue(clipNorm("max", "5", "norm", "inf").adjust(model, report));
        assertArrayEquals(new double[] { 1, -4 }, model.gradient(0).data);
        assertEquals(Map.of("norm", 4.0, "clipped", 0.0), report);
    }

    @ParameterizedTest(name = "norm={0}, element {1}")
    @CsvSource({ "2, NaN", "2, Infinity", "2, -Infinity", "inf, NaN", "inf, Infinity" })
    void nonFiniteNormLeavesGradientsUntouched(String norm, double bad) {
        LooseGradients model = new LooseGradients().add(3, bad).add(400, 1);
        assertTrue(clipNorm("norm", norm).adjust(model, report));
        assertArrayEquals(new double[] { 3, bad }, model.gradient(0).data);
        assertArrayEquals(new double[] { 400, 1 }, model.gradient(1).data);
        assertFalse(Double.isFinite(report.get("norm")));
        assertEquals(0.0, report.get("clipped"));
    }

    /** A sum of squares beyond Double.MAX_VALUE from finite gradients still gives the true norm. */
    @Test
    void hugeFiniteGradientsAreClippedByTheirTrueNorm() {
        LooseGradients model = new LooseGradients().add(3e200).add(-4e200, 0);
        assertTrue(clipNorm("max", "1").adjust(model, report));
        assertEquals(5e200, report.get("norm"), 1e-15 * 5e200);
        assertEquals(1.0, report.get("clipped"));
        assertEquals(0.6, model.gradient(0).get(0, 0), 1e-15);
        assertEquals(-0.8, model.gradient(1).get(0, 0), 1e-15);
    }

    /** Frozen parameters have no gradient in PyTorch's sense: not counted, not scaled. */
    @Test
    void frozenParametersAreNeitherCountedNorScaled() {
        DMatrixRMaj frozen = new DMatrixRMaj(1, 2, true, 100, -100);
        LooseGradients model = new LooseGradients().add(3, 4).add(frozen, false);
        assertTrue(clipNorm("max", "1").adjust(model, report));
        assertEquals(5.0, report.get("norm"));
        assertArrayEquals(new double[] { 3 / (5 + 1e-6), 4 / (5 + 1e-6) }, model.gradient(0).data);
        assertArrayEquals(new double[] { 100, -100 }, frozen.data);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "max, 0, max=0 is not accepted; expected a number > 0",
            "max, -1, max=-1 is not accepted; expected a number > 0",
            "max, x, max=x is not accepted; expected a number",
            "max, Infinity, max=Infinity is not accepted; expected a finite number > 0",
            "norm, 1, 'norm=1 is not accepted; expected one of 2, inf'",
            "norm, l2, 'norm=l2 is not accepted; expected one of 2, inf'",
            "maximum, 1, 'unknown option ''maximum'' for clip-norm; accepted: max, norm'" })
    void badOptionsGetOneLineMessages(String key, String value, String expected) {
        RnnlabException e = assertThrows(RnnlabException.class, () -> clipNorm(key, value));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
