package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.remedy.Rollback;
import org.rnnlab.trainer.internal.model.Parameter;

/**
 * Rollback points: the first before the first step, then every few steps, thinned with age, used
 * up when the run returns to one, except the first.
 */
class RollbacksTest {
    private final List<Parameter> params = List.of(new Parameter("w", ParameterSpec.of("w", 1, 1, ParameterRole.INPUT_WEIGHTS)));
    private final DMatrixRMaj[][] slots = {{new DMatrixRMaj(1, 1)}};

    private List<Long> steps(Rollbacks rollbacks) {
        return rollbacks.points().stream().map(Snapshot.RollbackPoint::step).toList();
    }

    @Test
    void pointsThinOutWithAgeKeepingTheFirstAndTheNewest() {
        Rollbacks rollbacks = new Rollbacks();
        rollbacks.configure(new Rollback(4, 25));
        train(rollbacks, 0, 400);
        List<Long> kept = steps(rollbacks);
        assertEquals(4, kept.size());
        assertEquals(0L, kept.get(0), "the point before the first step stays: the last resort");
        assertEquals(400L, kept.get(3));
        for (int i = 1; i + 1 < kept.size(); i++) {
            long older = kept.get(i) - kept.get(i - 1);
            long newer = kept.get(i + 1) - kept.get(i);
            org.junit.jupiter.api.Assertions.assertTrue(older >= newer, "older gaps are at least as wide: " + kept);
        }
        org.junit.jupiter.api.Assertions.assertTrue(kept.get(1) < 400 - 3 * 25, "reaches further back than keep x every: " + kept);
    }

    @Test
    void aPointReturnedToIsUsedUpWithTheNewerOnesButTheFirstStays() {
        Rollbacks rollbacks = new Rollbacks();
        rollbacks.configure(new Rollback(3, 10));
        train(rollbacks, 0, 30);
        assertEquals(List.of(0L, 20L, 30L), steps(rollbacks));
        rollbacks.useUp(20);
        assertEquals(List.of(0L), steps(rollbacks));
        train(rollbacks, 30, 31);
        assertEquals(List.of(0L), steps(rollbacks), "the next point comes at its time, not at once");
        train(rollbacks, 31, 40);
        assertEquals(List.of(0L, 40L), steps(rollbacks));
        rollbacks.useUp(0);
        assertEquals(List.of(0L), steps(rollbacks), "the run may start over from the first point again");
    }

    @Test
    void aPolicyGivenMidRunTakesItsFirstPointBeforeItsFirstStep() {
        Rollbacks rollbacks = new Rollbacks();
        train(rollbacks, 0, 57);
        assertEquals(List.of(), steps(rollbacks), "no policy, no points");
        rollbacks.configure(new Rollback(3, 10));
        train(rollbacks, 57, 61);
        assertEquals(List.of(57L, 60L), steps(rollbacks));
    }

    @Test
    void withOneToKeepTheFirstStaysAndClearingStartsOver() {
        Rollbacks rollbacks = new Rollbacks();
        rollbacks.configure(new Rollback(1, 10));
        train(rollbacks, 0, 30);
        assertEquals(List.of(0L), steps(rollbacks), "the point before the first step is the one kept");
        rollbacks.clear(); // another optimizer: the points' slots no longer fit
        train(rollbacks, 30, 31);
        assertEquals(List.of(30L), steps(rollbacks), "a first point again, before the next step");
    }

    /** Steps {@code from + 1 .. to}, as the trainer runs them: before each, then after it. */
    private void train(Rollbacks rollbacks, long from, long to) {
        for (long step = from; step < to; step++) {
            rollbacks.beforeStep(step, params, slots);
            rollbacks.afterStep(step + 1, params, slots);
        }
    }
}
