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

import com.fasterxml.jackson.databind.JsonNode;

/** Every clip_grad_norm entry of the clip reference cases: the norm before clipping and the clipped gradients. */
class ClipNormReferenceTest {
    private static final double RELATIVE_TOLERANCE = 1e-12;

    @TestFactory
    Stream<DynamicTest> clipGradNormMatchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceCase reference : ReferenceSet.standard().cases("clip")) {
            for (JsonNode entry : reference.at("clip_grad_norm")) {
                tests.add(dynamicTest(reference.name() + ": max_norm " + entry.get("max_norm").asDouble(),
                        () -> replay(reference, entry)));
            }
        }
        return tests.stream();
    }

    private static void replay(ReferenceCase reference, JsonNode entry) {
        ListedGradients model = new ListedGradients();
        JsonNode shapes = reference.at("shapes");
        for (int t = 0; t < shapes.size(); t++) {
            model.add(asMatrix(reference.at("grads_in").get(t), shapes.get(t)), true);
        }
        Remedy clip = new ClipNormRemedy().configure(Options.of("clip-norm", Map.of(
                "max", Double.toString(entry.get("max_norm").asDouble()),
                "norm", normOption(entry.get("norm_type").asDouble()))));
        Map<String, Double> report = new HashMap<>();

        assertTrue(clip.adjust(model, report));

        assertRelativelyClose(entry.get("total_norm").asDouble(), report.get("norm"), "total_norm");
        assertEquals(entry.get("clip_coef_clamped").asDouble() < 1 ? 1.0 : 0.0, report.get("clipped"));
        for (int t = 0; t < shapes.size(); t++) {
            DMatrixRMaj expected = asMatrix(entry.get("grads_out").get(t), shapes.get(t));
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
