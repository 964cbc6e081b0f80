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

class ClipParamTest {
    private final Map<String, Double> report = new HashMap<>();

    @Test
    void defaultsToMaxOne() {
        assertEquals(new ClipParam(1), configure(new ClipParamRemedy(), "clip-param"));
    }

    /**
     * Norms 5, 0.5 and 10 against max 1: the first and the last are rescaled each by its own
     * factor 1 / (norm + 1e-6), as clip_grad_norm_ on that parameter alone would; the second stays.
     */
    @Test
    void rescalesEachParameterByItsOwnNorm() {
        DMatrixRMaj matrix = new DMatrixRMaj(2, 2, true, 6, 0, 0, -8);
        LooseGradients model = new LooseGradients().add(3, 4).add(0.3, 0.4)
                .add(new DMatrixRMaj(2, 2), matrix, ParameterRole.RECURRENT_WEIGHTS, true);

        configure(new ClipParamRemedy(), "clip-param", "max", "1").adjust(model, report);

        assertArrayEquals(new double[] { 3 / (5 + 1e-6), 4 / (5 + 1e-6) }, model.gradient(0).data, 1e-16);
        assertArrayEquals(new double[] { 0.3, 0.4 }, model.gradient(1).data);
        assertArrayEquals(new double[] { 6 / (10 + 1e-6), 0, 0, -8 / (10 + 1e-6) }, matrix.data, 1e-16);
        assertEquals(Math.sqrt(25 + 0.25 + 100), report.get("norm"), 1e-14);
        assertEquals(2.0, report.get("clipped"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "max, 0, max=0 is not accepted; expected a number > 0",
            "max, one, max=one is not accepted; expected a number",
            "norm, 2, 'unknown option ''norm'' for clip-param; accepted: max'" })
    void badOptionsGetOneLineMessages(String key, String value, String expected) {
        assertRejected(expected, new ClipParamRemedy(), "clip-param", key, value);
    }
}
