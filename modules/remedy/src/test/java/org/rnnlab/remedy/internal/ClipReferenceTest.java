package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.reference.ReferenceCase;
import org.rnnlab.reference.ReferenceSet;
import org.rnnlab.testkit.LooseGradients;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every clip case of the reference set: each clip_grad_norm entry (the norm before clipping, the
 * 1e-6 in the factor, the clipped gradients) with clip-norm, and clip_grad_value with clip-value.
 */
class ClipReferenceTest {
    private static final double RELATIVE_TOLERANCE = 1e-12;

    @TestFactory
    Stream<DynamicTest> clipGradNormAndValueMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceCase reference : ReferenceSet.standard().cases("clip")) {
            for (JsonNode entry : reference.at("clip_grad_norm")) {
                tests.add(dynamicTest(reference.name() + ": clip_grad_norm max_norm " + entry.get("max_norm").asDouble(),
                        () -> replayNorm(reference, entry)));
            }
            JsonNode byValue = reference.at("clip_grad_value");
            tests.add(dynamicTest(reference.name() + ": clip_grad_value " + byValue.get("clip_value").asDouble(),
                    () -> replayValue(reference, byValue)));
        }
        return tests.stream();
    }

    private static void replayNorm(ReferenceCase reference, JsonNode entry) {
        LooseGradients model = gradientsIn(reference);
        Remedy clip = new ClipNormRemedy().configure(Options.of("clip-norm", Map.of(
                "max", Double.toString(entry.get("max_norm").asDouble()),
                "norm", normOption(entry.get("norm_type").asDouble()))));
        Map<String, Double> report = new HashMap<>();

        assertTrue(clip.adjust(model, report));

        assertRelativelyClose(entry.get("total_norm").asDouble(), report.get("norm"), "total_norm");
        assertEquals(entry.get("clip_coef_clamped").asDouble() < 1 ? 1.0 : 0.0, report.get("clipped"));
        assertGradientsOut(reference, entry.get("grads_out"), model);
    }

    private static void replayValue(ReferenceCase reference, JsonNode byValue) {
        LooseGradients model = gradientsIn(reference);
        double value = byValue.get("clip_value").asDouble();
        Remedy clip = new ClipValueRemedy().configure(Options.of("clip-value", Map.of("value", Double.toString(value))));
        Map<String, Double> report = new HashMap<>();

        assertTrue(clip.adjust(model, report));

        double normIn = reference.at("clip_grad_norm").get(0).get("total_norm").asDouble();
        assertRelativelyClose(normIn, report.get("norm"), "global norm before clipping");
        assertEquals(elementsBeyond(gradientsIn(reference), value), report.get("clipped"));
        assertGradientsOut(reference, byValue.get("grads_out"), model);
    }

    private static LooseGradients gradientsIn(ReferenceCase reference) {
        LooseGradients model = new LooseGradients();
        JsonNode shapes = reference.at("shapes");
        for (int t = 0; t < shapes.size(); t++) {
            model.add(asMatrix(reference.at("grads_in").get(t), shapes.get(t)), true);
        }
        return model;
    }

    private static double elementsBeyond(LooseGradients model, double value) {
        int count = 0;
        for (int p = 0; p < model.size(); p++) {
            for (double g : model.gradient(p).data) {
                count += Math.abs(g) > value ? 1 : 0;
            }
        }
        return count;
    }

    private static void assertGradientsOut(ReferenceCase reference, JsonNode gradsOut, LooseGradients model) {
        JsonNode shapes = reference.at("shapes");
        for (int t = 0; t < shapes.size(); t++) {
            DMatrixRMaj expected = asMatrix(gradsOut.get(t), shapes.get(t));
            for (int i = 0; i < expected.getNumElements(); i++) {
                assertRelativelyClose(expected.data[i], model.gradient(t).data[i], "grads_out[" + t + "][" + i + "]");
            }
        }
    }

    private static String normOption(double normType) {
        if (normType == 2) {
            return "2";
        }
        return Double.isInfinite(normType) ? "inf" : fail("norm_type " + normType + " is neither 2 nor inf");
    }

    /** A tensor of any rank as (product of all but the last dimension) x (last dimension). */
    private static DMatrixRMaj asMatrix(JsonNode tensor, JsonNode shape) {
        int cols = shape.get(shape.size() - 1).asInt();
        int rows = 1;
        for (int d = 0; d < shape.size() - 1; d++) {
            rows *= shape.get(d).asInt();
        }
        return ReferenceCase.matrix(tensor, rows, cols);
    }

    private static void assertRelativelyClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.abs(expected),
                () -> what + ": expected " + expected + ", got " + actual);
    }
}
