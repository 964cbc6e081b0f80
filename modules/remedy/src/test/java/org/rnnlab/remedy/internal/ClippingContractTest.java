package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.testkit.LooseGradients;

/** What every clipping remedy promises, each configured tightly enough to clip everything finite. */
class ClippingContractTest {
    static Stream<Arguments> tightClippers() {
        return Stream.of(
                Arguments.of("clip-norm", new ClipNorm(1e-3, false)),
                Arguments.of("clip-norm inf", new ClipNorm(1e-3, true)),
                Arguments.of("clip-value", new ClipValue(1e-3)),
                Arguments.of("clip-param", new ClipParam(1e-3)),
                Arguments.of("clip-adaptive", new ClipAdaptive(1e-3, 1e-3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tightClippers")
    void actsOnGradientsAndReportsTheNormBeforeClippingAndWhetherItClipped(String name, Remedy clip) {
        LooseGradients model = new LooseGradients().add(3, -4).add(12);
        Map<String, Double> report = new HashMap<>();

        assertEquals(HookPoint.GRADIENTS, clip.hookPoint());
        assertTrue(clip.adjust(model, report), "a clipping remedy never refuses the step");

        assertEquals(Map.of("norm", name.endsWith("inf") ? 12.0 : 13.0, "clipped", report.get("clipped")), report);
        assertTrue(report.get("clipped") >= 1, "clipped " + report.get("clipped"));
        assertTrue(Math.abs(model.gradient(1).get(0, 0)) < 12, "the gradient was not clipped");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tightClippers")
    void nonFiniteGradientsAreLeftExactlyAsTheyAre(String name, Remedy clip) {
        for (double bad : new double[] { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY }) {
            LooseGradients model = new LooseGradients().add(3, bad).add(400, 1);
            Map<String, Double> report = new HashMap<>();

            assertTrue(clip.adjust(model, report));

            assertArrayEquals(new double[] { 3, bad }, model.gradient(0).data);
            assertArrayEquals(new double[] { 400, 1 }, model.gradient(1).data);
            assertFalse(Double.isFinite(report.get("norm")), "norm " + report.get("norm"));
            assertEquals(0.0, report.get("clipped"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tightClippers")
    void frozenParametersAreNeitherMeasuredNorClipped(String name, Remedy clip) {
        DMatrixRMaj frozen = new DMatrixRMaj(1, 2, true, 100, -100);
        LooseGradients model = new LooseGradients().add(3, 4)
                .add(new DMatrixRMaj(1, 2), frozen, ParameterRole.RECURRENT_WEIGHTS, false);
        Map<String, Double> report = new HashMap<>();

        clip.adjust(model, report);

        assertEquals(name.endsWith("inf") ? 4.0 : 5.0, report.get("norm"));
        assertArrayEquals(new double[] { 100, -100 }, frozen.data);
    }

    /** Every report key is written at every step, so none is left over from an earlier one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tightClippers")
    void aStepWithNothingToClipOverwritesTheLastReport(String name, Remedy clip) {
        Map<String, Double> report = new HashMap<>();
        clip.adjust(new LooseGradients().add(3, 4), report);
        clip.adjust(new LooseGradients().add(0, 0), report);
        assertEquals(Map.of("norm", 0.0, "clipped", 0.0), report);
    }
}
