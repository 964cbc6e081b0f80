package org.rnnlab.testkit;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.rnnlab.api.cell.CellType;
import org.rnnlab.reference.ReferenceSet;

/**
 * Entry points for a cell's own tests: the PyTorch reference cases of one mode run against one
 * {@link CellType}, with no framework and no registry. Each case builds every layer and direction
 * from the reference parameters and compares outputs, final states and loss within
 * {@link #FORWARD_TOLERANCE}, every gradient within {@link ConformanceChecker#CELL_TOLERANCE},
 * and requires forward to leave the initial state untouched.
 */
public final class Conformance {
    /** Forward results agree with PyTorch's float64 to about 1e-12 (reference README). */
    public static final double FORWARD_TOLERANCE = 1e-12;

    private Conformance() {
    }

    /** The results of the set's "rnn" cases of {@code mode} (e.g. "rnn_tanh", "lstm"), run on {@code type}. */
    public static List<CaseResult> rnnCases(ReferenceSet set, CellType type, String mode) {
        ComponentSource only = new ComponentSource() {
            @Override
            public <T> Optional<T> find(Class<T> kind, String name) {
                return kind == CellType.class ? Optional.of(kind.cast(type)) : Optional.empty();
            }
        };
        return set.cases("rnn").stream().filter(c -> mode.equals(c.at("mode").asText()))
                .map(c -> RnnCases.check(c, only, FORWARD_TOLERANCE, ConformanceChecker.CELL_TOLERANCE)).toList();
    }

    /** Throws an AssertionError listing every failed case, or saying there was none to run. */
    public static void assertAllPassed(List<CaseResult> results, String what) {
        if (results.isEmpty()) {
            throw new AssertionError(what + ": no reference case");
        }
        List<CaseResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (!failed.isEmpty()) {
            throw new AssertionError(what + ": " + failed.size() + " of " + results.size() + " cases failed\n"
                    + failed.stream().map(CaseResult::line).collect(Collectors.joining("\n")));
        }
    }
}
