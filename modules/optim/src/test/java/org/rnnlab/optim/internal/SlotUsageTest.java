package org.rnnlab.optim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.optim.UpdateRule;

/** The slots a rule declares are exactly the ones it reads and writes. */
class SlotUsageTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "sgd  | lr=0.1                          | ''",
            "sgd  | momentum=0.9                    | sgd.momentum:shaped sgd.step:scalar",
            "sgd  | momentum=0.9 nesterov=true      | sgd.momentum:shaped sgd.step:scalar",
            "adam | ''                              | adam.m:shaped adam.v:shaped adam.step:scalar",
            "adam | decoupled=true weight_decay=0.1 | adam.m:shaped adam.v:shaped adam.step:scalar",
            "adam | amsgrad=true                    | adam.m:shaped adam.v:shaped adam.vmax:shaped adam.step:scalar" })
    void declaredSlotsAreAllUsedAndSuffice(String name, String keyValues, String expectedSlots) {
        UpdateRule rule = OptimizerOptionsTest.configure(name, keyValues);
        assertEquals(expectedSlots, describe(rule.slots()));

        DMatrixRMaj param = new DMatrixRMaj(2, 3, true, 0.5, -1, 2, 0.25, -0.75, 1.5);
        DMatrixRMaj grad = new DMatrixRMaj(2, 3, true, 0.3, 0.1, -0.2, 0.4, -0.5, 0.6);
        DMatrixRMaj[] slots = OptimizerReferenceTest.freshSlots(rule, param);
        double[] initial = param.data.clone();
        int steps = 3;
        for (int k = 0; k < steps; k++) {
            rule.apply(param, grad, slots, rule.learningRate(k));
        }
        assertFalse(Arrays.equals(initial, param.data), "the parameter moved");
        for (int s = 0; s < slots.length; s++) {
            SlotSpec slot = rule.slots().get(s);
            if (slot.scalar()) {
                assertEquals(steps, slots[s].get(0, 0), slot.name() + " counts the steps");
            } else {
                assertTrue(Arrays.stream(slots[s].data).allMatch(x -> x != 0), slot.name() + " is written");
            }
        }
    }

    private static String describe(List<SlotSpec> slots) {
        return String.join(" ", slots.stream().map(s -> s.name() + (s.scalar() ? ":scalar" : ":shaped")).toList());
    }
}
