package org.rnnlab.optim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.reference.ReferenceCase;
import org.rnnlab.reference.ReferenceSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replays every run of the optimizer reference cases that sgd or adam can express: p = p0, fresh
 * slots, one step per given gradient, each step compared with PyTorch's trajectory.
 */
class OptimizerReferenceTest {
    /** Adagrad and RMSprop runs arrive with the optimizers issue; until then they are skipped by name. */
    private static final Set<String> ARRIVE_WITH_THE_OPTIMIZERS_ISSUE = Set.of("adagrad", "rmsprop", "rmsprop_centered");
    /** PyTorch implementation switches in "hyperparameters", all false in the reference: not options. */
    private static final Set<String> IMPLEMENTATION_SWITCHES = Set.of("foreach", "differentiable", "capturable", "fused",
            "maximize");
    private static final double RELATIVE_TOLERANCE = 1e-12;

    @TestFactory
    Stream<DynamicTest> trajectoriesMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceCase reference : ReferenceSet.standard().cases("optimizer")) {
            for (JsonNode run : reference.at("runs")) {
                String name = run.get("name").asText();
                if (!ARRIVE_WITH_THE_OPTIMIZERS_ISSUE.contains(name)) {
                    tests.add(dynamicTest(reference.name() + ": " + name, () -> replay(reference, run)));
                }
            }
        }
        return tests.stream();
    }

    private static void replay(ReferenceCase reference, JsonNode run) {
        UpdateRule rule = optimizer(run).configure(options(run));
        DMatrixRMaj param = ReferenceCase.matrix(reference.at("p0"));
        DMatrixRMaj[] slots = freshSlots(rule, param);
        for (int k = 0; k < reference.at("steps").asInt(); k++) {
            DMatrixRMaj grad = ReferenceCase.matrix(reference.at("grads").get(k));
            double[] gradBefore = grad.data.clone();
            rule.apply(param, grad, slots, rule.learningRate(k));
            assertArrayEquals(gradBefore, grad.data, "the gradient must not change");
            assertRelativelyClose(ReferenceCase.matrix(run.get("trajectory").get(k)), param, "step " + k);
        }
    }

    private static Optimizer optimizer(JsonNode run) {
        String torchClass = run.get("optimizer").asText();
        switch (torchClass) {
            case "torch.optim.SGD":
                return new SgdOptimizer();
            case "torch.optim.Adam":
            case "torch.optim.AdamW":
                return new AdamOptimizer();
            default:
                return fail("run " + run.get("name").asText() + " uses " + torchClass
                        + ", which sgd and adam cannot express: map it here or list it as arriving later");
        }
    }

    /** PyTorch's hyperparameters as options: {@code betas} as "b1,b2", AdamW as adam with decoupled=true. */
    private static Options options(JsonNode run) {
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
        if (run.get("optimizer").asText().equals("torch.optim.AdamW")) {
            values.put("decoupled", "true");
        }
        return Options.of(run.get("name").asText(), values);
    }

    static DMatrixRMaj[] freshSlots(UpdateRule rule, DMatrixRMaj param) {
        return rule.slots().stream()
                .map((SlotSpec slot) -> slot.scalar() ? new DMatrixRMaj(1, 1) : new DMatrixRMaj(param.numRows, param.numCols))
                .toArray(DMatrixRMaj[]::new);
    }

    private static void assertRelativelyClose(DMatrixRMaj expected, DMatrixRMaj actual, String where) {
        for (int i = 0; i < expected.getNumElements(); i++) {
            int index = i;
            double e = expected.data[i];
            double a = actual.data[i];
            assertTrue(Math.abs(a - e) <= RELATIVE_TOLERANCE * Math.abs(e),
                    () -> where + ", element " + index + ": expected " + e + ", got " + a);
        }
    }
}
