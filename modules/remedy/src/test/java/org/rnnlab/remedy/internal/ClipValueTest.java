package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.remedy.internal.RemedyFixtures.assertRejected;
import static org.rnnlab.remedy.internal.RemedyFixtures.configure;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.testkit.LooseGradients;

class ClipValueTest {
    private final Map<String, Double> report = new HashMap<>();

    @Test
    void defaultsToValueOne() {
        assertEquals(new ClipValue(1), configure(new ClipValueRemedy(), "clip-value"));
    }

    @Test
    void clampsEachElementAndCountsThoseItChanged() {
        LooseGradients model = new LooseGradients().add(0.2, -0.7, 0.5, 3).add(-0.5001);
        double normBefore = Math.sqrt(0.04 + 0.49 + 0.25 + 9 + 0.5001 * 0.5001);

        configure(new ClipValueRemedy(), "clip-value", "value", "0.5").adjust(model, report);

        assertArrayEquals(new double[] { 0.2, -0.5, 0.5, 0.5 }, model.gradient(0).data);
        assertArrayEquals(new double[] { -0.5 }, model.gradient(1).data);
        assertEquals(normBefore, report.get("norm"), 1e-15);
        assertEquals(3.0, report.get("clipped"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "value, 0, value=0 is not accepted; expected a number > 0",
            "value, -0.1, value=-0.1 is not accepted; expected a number > 0",
            "value, big, value=big is not accepted; expected a number",
            "max, 1, 'unknown option ''max'' for clip-value; accepted: value'" })
    void badOptionsGetOneLineMessages(String key, String value, String expected) {
        assertRejected(expected, new ClipValueRemedy(), "clip-value", key, value);
    }
}
