package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.remedy.Rollback;
import org.rnnlab.trainer.internal.model.Parameter;

/** Rollback points: taken every few steps, thinned with age, used up when the run returns to one. */
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
        for (long step = 1; step <= 400; step++) {
            rollbacks.afterStep(step, params, slots);
        }
        List<Long> kept = steps(rollbacks);
        assertEquals(4, kept.size());
        assertEquals(1L, kept.get(0), "the first point stays: the last resort");
        assertEquals(400L, kept.get(3));
        for (int i = 1; i + 1 < kept.size(); i++) {
            long older = kept.get(i) - kept.get(i - 1);
            long newer = kept.get(i + 1) - kept.get(i);
            org.junit.jupiter.api.Assertions.assertTrue(older >= newer, "older gaps are at least as wide: " + kept);
        }
        org.junit.jupiter.api.Assertions.assertTrue(kept.get(1) < 400 - 3 * 25, "reaches further back than keep x every: " + kept);
    }

    @Test
    void aPointReturnedToIsUsedUpWithTheNewerOnes() {
        Rollbacks rollbacks = new Rollbacks();
        rollbacks.configure(new Rollback(3, 10));
        for (long step = 1; step <= 30; step++) {
            rollbacks.afterStep(step, params, slots);
        }
        assertEquals(List.of(1L, 20L, 30L), steps(rollbacks));
        rollbacks.useUp(20);
        assertEquals(List.of(1L), steps(rollbacks));
        rollbacks.afterStep(31, params, slots);
        assertEquals(List.of(1L), steps(rollbacks), "the next point comes at its time, not at once");
        rollbacks.afterStep(40, params, slots);
        assertEquals(List.of(1L, 40L), steps(rollbacks));
    }
}
