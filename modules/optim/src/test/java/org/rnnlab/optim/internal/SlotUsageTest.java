package org.rnnlab.optim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.optim.UpdateRule;

/**
 * The slots a rule declares are exactly the ones it reads and writes, named per update family so
 * that a swap (which keeps the slots of equal name and kind, as the run does) carries state only
 * where it means the same thing.
 */
class SlotUsageTest {
    private static final DMatrixRMaj GRAD = new DMatrixRMaj(2, 3, true, 0.3, 0.1, -0.2, 0.4, -0.5, 0.6);

    private static DMatrixRMaj param() {
        return new DMatrixRMaj(2, 3, true, 0.5, -1, 2, 0.25, -0.75, 1.5);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "sgd      | lr=0.1                          | ''",
            "sgd      | momentum=0.9                    | sgd.momentum:shaped sgd.step:scalar",
            "momentum | ''                              | sgd.momentum:shaped sgd.step:scalar",
            "nesterov | ''                              | sgd.momentum:shaped sgd.step:scalar",
            "adagrad  | ''                              | adagrad.sum:shaped adagrad.step:scalar",
            "adagrad  | initial_accumulator_value=0.1   | adagrad.sum:shaped adagrad.step:scalar",
            "rmsprop  | ''                              | rmsprop.v:shaped",
            "rmsprop  | centered=true                   | rmsprop.v:shaped rmsprop.m:shaped",
            "rmsprop  | momentum=0.9                    | rmsprop.v:shaped rmsprop.momentum:shaped",
            "rmsprop  | centered=true momentum=0.9      | rmsprop.v:shaped rmsprop.m:shaped rmsprop.momentum:shaped",
            "adam     | ''                              | adam.m:shaped adam.v:shaped adam.step:scalar",
            "adamw    | ''                              | adam.m:shaped adam.v:shaped adam.step:scalar",
            "amsgrad  | ''                              | adam.m:shaped adam.v:shaped adam.vmax:shaped adam.step:scalar",
            "adam     | amsgrad=true                    | adam.m:shaped adam.v:shaped adam.vmax:shaped adam.step:scalar",
            "adamax   | ''                              | adamax.m:shaped adamax.u:shaped adamax.step:scalar",
            "nadam    | ''                              | nadam.m:shaped nadam.v:shaped nadam.mu_product:scalar nadam.step:scalar" })
    void declaredSlotsAreAllUsedAndSuffice(String name, String keyValues, String expectedSlots) {
        UpdateRule rule = Optimizers.configure(name, keyValues);
        assertEquals(expectedSlots, describe(rule.slots()));

        DMatrixRMaj param = param();
        DMatrixRMaj[] slots = Optimizers.freshSlots(rule, param);
        double[] initial = param.data.clone();
        int steps = 3;
        Optimizers.run(rule, param, slots, new DMatrixRMaj[] { GRAD, GRAD, GRAD }, 0);
        assertFalse(Arrays.equals(initial, param.data), "the parameter moved");
        for (int s = 0; s < slots.length; s++) {
            SlotSpec slot = rule.slots().get(s);
            if (slot.name().endsWith(".step")) {
                assertEquals(steps, slots[s].get(0, 0), slot.name() + " counts the steps");
            } else if (slot.scalar()) {
                double value = slots[s].get(0, 0);
                assertTrue(value > 0 && value < 1, slot.name() + " is a product of momenta: " + value);
            } else {
                assertTrue(Arrays.stream(slots[s].data).allMatch(x -> x != 0), slot.name() + " is written");
            }
        }
    }

    /** Slots that survive a swap from the first configuration to the second, as the run keeps them. */
    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "adam     | ''            | amsgrad  | ''            | adam.m adam.v adam.step",
            "amsgrad  | ''            | adam     | ''            | adam.m adam.v adam.step",
            "adam     | ''            | adamw    | ''            | adam.m adam.v adam.step",
            "momentum | ''            | nesterov | ''            | sgd.momentum sgd.step",
            "rmsprop  | ''            | rmsprop  | centered=true | rmsprop.v",
            "sgd      | ''            | momentum | ''            | ''",
            "adam     | ''            | nadam    | ''            | ''",
            "adam     | ''            | adamax   | ''            | ''",
            "rmsprop  | momentum=0.9  | momentum | ''            | ''",
            "adagrad  | ''            | rmsprop  | ''            | ''" })
    void swapsCarryStateOnlyWithinAFamily(String from, String fromOptions, String to, String toOptions, String kept) {
        List<SlotSpec> had = Optimizers.configure(from, fromOptions).slots();
        List<String> carried = Optimizers.configure(to, toOptions).slots().stream().filter(had::contains)
                .map(SlotSpec::name).toList();
        assertEquals(kept, String.join(" ", carried));
    }

    /** With its slots carried over, adamw without weight decay continues an adam run exactly. */
    @Test
    void adamToAdamwContinuesTheSameTrajectory() {
        UpdateRule adam = Optimizers.configure("adam", "lr=0.01");
        DMatrixRMaj straight = param();
        DMatrixRMaj[] straightSlots = Optimizers.freshSlots(adam, straight);
        DMatrixRMaj[] grads = { GRAD, GRAD, GRAD, GRAD };
        Optimizers.run(adam, straight, straightSlots, grads, 0);

        DMatrixRMaj swapped = param();
        DMatrixRMaj[] slots = Optimizers.freshSlots(adam, swapped);
        Optimizers.run(adam, swapped, slots, Arrays.copyOf(grads, 2), 0);
        UpdateRule adamw = Optimizers.configure("adamw", "lr=0.01 weight_decay=0");
        assertEquals(adam.slots(), adamw.slots());
        Optimizers.run(adamw, swapped, slots, Arrays.copyOf(grads, 2), 2);
        assertArrayEquals(straight.data, swapped.data, 0);
    }

    /** A fresh Adagrad sum starts at initial_accumulator_value: the first step divides by sqrt(v0 + g^2). */
    @Test
    void adagradStartsItsSumAtTheInitialAccumulatorValue() {
        UpdateRule rule = Optimizers.configure("adagrad", "lr=0.1 initial_accumulator_value=0.5 eps=1e-10");
        DMatrixRMaj param = param();
        double[] before = param.data.clone();
        DMatrixRMaj[] slots = Optimizers.freshSlots(rule, param);
        Optimizers.run(rule, param, slots, new DMatrixRMaj[] { GRAD }, 0);
        for (int i = 0; i < before.length; i++) {
            double g = GRAD.data[i];
            assertEquals(0.5 + g * g, slots[0].data[i], 0);
            assertEquals(before[i] - 0.1 * g / (Math.sqrt(0.5 + g * g) + 1e-10), param.data[i], 1e-15);
        }
    }

    private static String describe(List<SlotSpec> slots) {
        return String.join(" ", slots.stream().map(s -> s.name() + (s.scalar() ? ":scalar" : ":shaped")).toList());
    }
}
