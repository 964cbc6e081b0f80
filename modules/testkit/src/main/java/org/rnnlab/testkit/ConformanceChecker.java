package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.List;

import org.rnnlab.reference.ReferenceCase;
import org.rnnlab.reference.ReferenceSet;

/**
 * Runs every case of a reference set (all four case types) against the components a source
 * provides. Tolerances (relative error as {@link CaseResult} defines it): cell gradients 1e-9
 * (the reference README's expectation for float64 BPTT), truncation, optimizers and clipping
 * 1e-12 (the issues' bar; measured errors are near 1e-15).
 */
public final class ConformanceChecker {
    public static final double CELL_TOLERANCE = 1e-9;
    public static final double UPDATE_TOLERANCE = 1e-12;

    private final ComponentSource components;

    public ConformanceChecker(ComponentSource components) {
        this.components = components;
    }

    public List<CaseResult> check(ReferenceSet set) {
        List<CaseResult> results = new ArrayList<>();
        for (ReferenceCase c : set.cases("rnn")) {
            results.add(guarded(c, () -> List.of(RnnCases.check(c, components, CELL_TOLERANCE))));
        }
        for (ReferenceCase c : set.cases("tbptt")) {
            results.add(guarded(c, () -> List.of(TbpttCases.check(c, components, UPDATE_TOLERANCE))));
        }
        for (ReferenceCase c : set.cases("optimizer")) {
            results.addAll(guardedAll(c, () -> OptimizerCases.check(c, components, UPDATE_TOLERANCE)));
        }
        for (ReferenceCase c : set.cases("clip")) {
            results.addAll(guardedAll(c, () -> ClipCases.check(c, components, UPDATE_TOLERANCE)));
        }
        return results;
    }

    /** A component that throws fails its case with the reason, and the other cases still run. */
    private static CaseResult guarded(ReferenceCase c, java.util.function.Supplier<List<CaseResult>> check) {
        return guardedAll(c, check).get(0);
    }

    private static List<CaseResult> guardedAll(ReferenceCase c, java.util.function.Supplier<List<CaseResult>> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
            return List.of(CaseResult.failed(c.name(), e.getClass().getSimpleName() + message));
        }
    }
}
