package org.rnnlab.optim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.reference.ReferenceCase;
import org.rnnlab.reference.ReferenceSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replays every run of the optimizer reference cases with the component that registers for its
 * torch.optim class: p = p0, fresh slots, one step per given gradient, each step compared with
 * PyTorch's trajectory.
 */
class OptimizerReferenceTest {
    /** The component that stands for each torch.optim class, given PyTorch's hyperparameters. */
    private static final Map<String, String> COMPONENT_OF_TORCH_CLASS = Map.of(
            "torch.optim.SGD", "sgd",
            "torch.optim.Adagrad", "adagrad",
            "torch.optim.RMSprop", "rmsprop",
            "torch.optim.Adam", "adam",
            "torch.optim.AdamW", "adamw",
            "torch.optim.Adamax", "adamax",
            "torch.optim.NAdam", "nadam");
    /** PyTorch implementation switches in "hyperparameters", all false in the reference: not options. */
    private static final Set<String> IMPLEMENTATION_SWITCHES = Set.of("foreach", "differentiable", "capturable", "fused",
            "maximize");
    private static final double RELATIVE_TOLERANCE = 1e-12;

    @TestFactory
    Stream<DynamicTest> trajectoriesMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceCase reference : ReferenceSet.standard().cases("optimizer")) {
            for (JsonNode run : reference.at("runs")) {
                tests.add(dynamicTest(reference.name() + ": " + run.get("name").asText(), () -> replay(reference, run)));
            }
        }
        return tests.stream();
    }

    /** The standard set holds the nine runs its README lists; none may go unreplayed. */
    @Test
    void theStandardSetHasNineRunsAllWithAComponent() {
        List<String> classes = new ArrayList<>();
        for (ReferenceCase reference : ReferenceSet.standard().cases("optimizer")) {
            reference.at("runs").forEach(run -> classes.add(run.get("optimizer").asText()));
        }
        assertTrue(classes.size() >= 9, classes::toString);
        assertTrue(COMPONENT_OF_TORCH_CLASS.keySet().containsAll(classes), classes::toString);
    }

    private static void replay(ReferenceCase reference, JsonNode run) {
        String torchClass = run.get("optimizer").asText();
        String component = COMPONENT_OF_TORCH_CLASS.get(torchClass);
        assertTrue(component != null, "no component stands for " + torchClass);
        UpdateRule rule = Optimizers.named(component).configure(options(component, run));
        DMatrixRMaj param = ReferenceCase.matrix(reference.at("p0"));
        DMatrixRMaj[] slots = Optimizers.freshSlots(rule, param);
        int steps = reference.at("steps").asInt();
        assertEquals(steps, run.get("trajectory").size());
        for (int k = 0; k < steps; k++) {
            DMatrixRMaj grad = ReferenceCase.matrix(reference.at("grads").get(k));
            double[] gradBefore = grad.data.clone();
            rule.apply(param, grad, slots, rule.learningRate(k));
            assertArrayEquals(gradBefore, grad.data, "the gradient must not change");
            assertRelativelyClose(ReferenceCase.matrix(run.get("trajectory").get(k)), param, "step " + k);
        }
    }

    /** PyTorch's hyperparameters as options, {@code betas} as "b1,b2". */
    private static Options options(String owner, JsonNode run) {
        Map<String, String> values = new LinkedHashMap<>();
        run.get("hyperparameters").fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (IMPLEMENTATION_SWITCHES.contains(field.getKey())) {
                return;
            }
            if (value.isArray()) {
                List<String> parts = new ArrayList<>();
                value.forEach(part -> parts.add(Double.toString(part.asDouble())));
                values.put(field.getKey(), String.join(",", parts));
            } else {
                values.put(field.getKey(), value.isNumber() ? Double.toString(value.asDouble()) : value.asText());
            }
        });
        return Options.of(owner, values);
    }

    private static void assertRelativelyClose(DMatrixRMaj expected, DMatrixRMaj actual, String where) {
        assertEquals(expected.getNumElements(), actual.getNumElements(), where);
        for (int i = 0; i < expected.getNumElements(); i++) {
            int index = i;
            double e = expected.data[i];
            double a = actual.data[i];
            assertTrue(Math.abs(a - e) <= RELATIVE_TOLERANCE * Math.abs(e),
                    () -> where + ", element " + index + ": expected " + e + ", got " + a);
        }
    }
}
