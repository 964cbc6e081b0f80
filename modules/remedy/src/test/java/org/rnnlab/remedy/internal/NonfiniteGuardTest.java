package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.remedy.internal.RemedyFixtures.assertRejected;
import static org.rnnlab.remedy.internal.RemedyFixtures.configure;

import java.util.HashMap;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.api.remedy.Rollback;
import org.rnnlab.api.remedy.RollbackRequest;
import org.rnnlab.testkit.LooseGradients;

class NonfiniteGuardTest {
    /** The run's report map for this remedy: it persists across steps. */
    private final Map<String, Double> report = new HashMap<>();
    private final Remedy guard = configure(new NonfiniteGuardRemedy(), "nonfinite-guard", "max", "3");

    private static LooseGradients finite() {
        return new LooseGradients().add(1, -2).add(3);
    }

    private static LooseGradients withElement(double bad) {
        return new LooseGradients().add(1, -2).add(bad);
    }

    @Test
    void defaultsToFiveStepsInARowAtTheGradientsHook() {
        Remedy remedy = configure(new NonfiniteGuardRemedy(), "nonfinite-guard");
        assertEquals(new NonfiniteGuard(5, 1, 4, 25), remedy);
        assertEquals(new Rollback(4, 25), remedy.rollback());
        assertEquals(HookPoint.GRADIENTS, remedy.hookPoint());
    }

    @Test
    void aFiniteStepIsAppliedUnchanged() {
        LooseGradients model = finite();
        assertTrue(guard.adjust(model, report));
        assertArrayEquals(new double[] { 1, -2 }, model.gradient(0).data);
        assertEquals(Map.of("skipped", 0.0, "consecutive", 0.0, "rollbacks", 0.0), report);
    }

    @ParameterizedTest
    @ValueSource(doubles = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY })
    void aStepWithANonFiniteGradientIsRefusedAndCounted(double bad) {
        assertFalse(guard.adjust(withElement(bad), report));
        assertEquals(Map.of("skipped", 1.0, "consecutive", 1.0, "rollbacks", 0.0), report);
    }

    @Test
    void aStepWithANonFiniteLossButFiniteGradientsIsRefusedToo() {
        LooseGradients model = finite();
        model.withLoss(Double.POSITIVE_INFINITY);
        assertFalse(guard.adjust(model, report));
        assertEquals(Map.of("skipped", 1.0, "consecutive", 1.0, "rollbacks", 0.0), report);
    }

    @Test
    void aFiniteStepResetsTheRunButNotTheTotal() {
        guard.adjust(withElement(Double.NaN), report);
        guard.adjust(withElement(Double.NaN), report);
        assertTrue(guard.adjust(finite(), report));
        assertFalse(guard.adjust(withElement(Double.NaN), report));
        assertEquals(Map.of("skipped", 3.0, "consecutive", 1.0, "rollbacks", 0.0), report);
    }

    @Test
    void maxStepsInARowRollBackAndPauseWithAOneLineMessage() {
        assertFalse(guard.adjust(withElement(Double.NaN), report));
        assertFalse(guard.adjust(withElement(Double.NaN), report));

        RollbackRequest rollback = assertThrows(RollbackRequest.class, () -> guard.adjust(withElement(Double.NaN), report));

        assertFalse(rollback.getMessage().contains("\n"), rollback.getMessage());
        assertTrue(rollback.getMessage().startsWith("nonfinite-guard: 3 steps in a row had a non-finite loss or gradient"),
                rollback.getMessage());
        assertTrue(rollback.pause());
        assertEquals(1.0, rollback.learningRateFactor());
        assertEquals(Map.of("skipped", 3.0, "consecutive", 0.0, "rollbacks", 1.0), report);
    }

    @Test
    void withBackoffTheRunRollsBackLowersTheRateAndTrainsOn() {
        Remedy backingOff = configure(new NonfiniteGuardRemedy(), "nonfinite-guard", "max", "1", "backoff", "0.5");

        RollbackRequest rollback = assertThrows(RollbackRequest.class, () -> backingOff.adjust(withElement(Double.NaN), report));

        assertFalse(rollback.pause());
        assertEquals(0.5, rollback.learningRateFactor());
        assertTrue(rollback.getMessage().contains("the learning rate is multiplied by 0.5"), rollback.getMessage());
    }

    /** After a rollback the count starts again: max more non-finite steps before the next one. */
    @Test
    void afterARollbackMaxMoreStepsLeadToTheNext() {
        for (int i = 0; i < 2; i++) {
            guard.adjust(withElement(Double.NaN), report);
        }
        assertThrows(RollbackRequest.class, () -> guard.adjust(withElement(Double.NaN), report));

        assertFalse(guard.adjust(withElement(Double.NaN), report));
        assertFalse(guard.adjust(withElement(Double.NaN), report));
        assertThrows(RollbackRequest.class, () -> guard.adjust(withElement(Double.NaN), report));
        assertEquals(Map.of("skipped", 6.0, "consecutive", 0.0, "rollbacks", 2.0), report);
    }

    @Test
    void frozenParametersAreNotChecked() {
        DMatrixRMaj frozen = new DMatrixRMaj(1, 1, true, Double.NaN);
        LooseGradients model = finite().add(new DMatrixRMaj(1, 1), frozen, ParameterRole.RECURRENT_WEIGHTS, false);
        assertTrue(guard.adjust(model, report));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "max, 0, max=0 is not accepted; expected an integer >= 1",
            "max, 2.5, max=2.5 is not accepted; expected an integer >= 1",
            "backoff, 0, 'backoff=0 is not accepted; expected a number in (0, 1]'",
            "backoff, 1.5, 'backoff=1.5 is not accepted; expected a number in (0, 1]'",
            "keep, 0, keep=0 is not accepted; expected an integer in [1, 100]",
            "steps, 5, 'unknown option ''steps'' for nonfinite-guard; accepted: backoff, every, keep, max'" })
    void badOptionsGetOneLineMessages(String key, String value, String expected) {
        assertRejected(expected, new NonfiniteGuardRemedy(), "nonfinite-guard", key, value);
    }
}
