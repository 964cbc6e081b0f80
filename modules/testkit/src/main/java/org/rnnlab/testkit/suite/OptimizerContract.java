package org.rnnlab.testkit.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.testkit.CellMatrices;
import org.rnnlab.core.random.Xoshiro256;

/**
 * Everything rnnlab requires of an optimizer, as a JUnit 5 test class to extend: implement
 * {@link #optimizer()} (and {@link #options()}). The rule keeps all state in its slots — so a run
 * can be checkpointed and resumed, and the optimizer swapped — never changes the gradient, and
 * descends on a quadratic.
 */
public abstract class OptimizerContract {
    private static final int STEPS = 6;

    /** The optimizer under test. */
    protected abstract Optimizer optimizer();

    /** Its hyperparameters (PyTorch's names); none by default. */
    protected Map<String, String> options() {
        return Map.of();
    }

    private UpdateRule rule() {
        return optimizer().configure(Options.of("optimizer", options()));
    }

    @Test
    void slotsHaveDistinctNames() {
        List<String> names = rule().slots().stream().map(SlotSpec::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), "two slots share a name: " + names);
    }

    @Test
    void theGradientIsReadNeverWritten() {
        Trajectory t = new Trajectory(1);
        DMatrixRMaj before = t.grads[0].copy();
        rule().apply(t.param, t.grads[0], t.slots, rule().learningRate(0));
        assertArrayEquals(before.data, t.grads[0].data, "apply changed the gradient");
    }

    @Test
    void aRunResumedFromItsSlotsContinuesExactly() {
        Trajectory straight = new Trajectory(2);
        straight.run(rule(), 0, STEPS);
        Trajectory halves = new Trajectory(2);
        halves.run(rule(), 0, STEPS / 2);
        Trajectory resumed = halves.copy();
        resumed.run(rule(), STEPS / 2, STEPS);
        assertArrayEquals(straight.param.data, resumed.param.data, "parameters differ after resuming from a copy of the "
                + "parameter and its slots with a newly configured rule: state is kept outside the slots");
    }

    @Test
    void oneRuleServesManyParametersIndependently() {
        UpdateRule shared = rule();
        Trajectory alone = new Trajectory(3);
        alone.run(rule(), 0, STEPS);
        Trajectory first = new Trajectory(3);
        Trajectory second = new Trajectory(4);
        for (int s = 0; s < STEPS; s++) {
            first.run(shared, s, s + 1);
            second.run(shared, s, s + 1);
        }
        assertArrayEquals(alone.param.data, first.param.data, "updating another parameter in between changed this one");
    }

    @Test
    void descendsOnAQuadratic() {
        UpdateRule rule = rule();
        DMatrixRMaj target = CellMatrices.gaussian(3, 4, 1, new Xoshiro256(5));
        DMatrixRMaj param = new DMatrixRMaj(3, 4);
        DMatrixRMaj grad = new DMatrixRMaj(3, 4);
        DMatrixRMaj[] slots = slots(rule, param);
        double start = distance(param, target);
        for (int s = 0; s < 200; s++) {
            for (int i = 0; i < grad.data.length; i++) {
                grad.data[i] = param.data[i] - target.data[i];
            }
            double lr = rule.learningRate(s);
            assertTrue(Double.isFinite(lr) && lr >= 0, "learningRate(" + s + ") is " + lr);
            rule.apply(param, grad, slots, lr);
        }
        assertTrue(distance(param, target) < start, "200 steps on ½‖θ − θ*‖² from θ = 0 did not get closer to θ*: "
                + start + " → " + distance(param, target));
    }

    @Test
    void anUnknownOptionIsRefusedInOneLine() {
        RnnlabException refused = assertThrows(RnnlabException.class,
                () -> optimizer().configure(Options.of("optimizer", Map.of("no-such-option", "1"))),
                "configure must validate its options and refuse one it does not know");
        assertEquals(1, refused.getMessage().lines().count(), "a one-line message: " + refused.getMessage());
    }

    private static double distance(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int i = 0; i < a.data.length; i++) {
            sum += (a.data[i] - b.data[i]) * (a.data[i] - b.data[i]);
        }
        return Math.sqrt(sum);
    }

    private static DMatrixRMaj[] slots(UpdateRule rule, DMatrixRMaj param) {
        return rule.slots().stream().map(s -> s.scalar() ? new DMatrixRMaj(1, 1) : new DMatrixRMaj(param.numRows,
                param.numCols)).toArray(DMatrixRMaj[]::new);
    }

    /** A parameter, its slots and a fixed sequence of random gradients. */
    private final class Trajectory {
        final DMatrixRMaj param;
        final DMatrixRMaj[] grads;
        final DMatrixRMaj[] slots;

        Trajectory(long seed) {
            Xoshiro256 random = new Xoshiro256(seed);
            param = CellMatrices.gaussian(3, 4, 1, random);
            grads = new DMatrixRMaj[STEPS];
            for (int s = 0; s < STEPS; s++) {
                grads[s] = CellMatrices.gaussian(3, 4, 1, random);
            }
            slots = slots(rule(), param);
        }

        private Trajectory(DMatrixRMaj param, DMatrixRMaj[] grads, DMatrixRMaj[] slots) {
            this.param = param;
            this.grads = grads;
            this.slots = slots;
        }

        /** Updates from step {@code from} up to {@code to}, each with its own learning rate. */
        void run(UpdateRule rule, int from, int to) {
            for (int s = from; s < to; s++) {
                rule.apply(param, grads[s], slots, rule.learningRate(s));
            }
        }

        /** What a checkpoint restores: copies of the parameter and its slots. */
        Trajectory copy() {
            return new Trajectory(param.copy(), grads, CellMatrices.copies(slots));
        }
    }
}
