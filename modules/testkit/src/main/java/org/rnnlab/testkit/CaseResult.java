package org.rnnlab.testkit;

/**
 * The outcome of one reference case: the largest relative error over everything compared
 * (max |actual − expected| / max(1, max |expected|) per tensor), and whether it is within
 * tolerance; {@code note} says what was compared or why the case could not run.
 */
public record CaseResult(String name, double maxError, boolean passed, String note) {
    static CaseResult of(String name, Comparison comparison, double tolerance) {
        return new CaseResult(name, comparison.worst(), comparison.worst() <= tolerance,
                comparison.compared() + " tensors, worst " + comparison.worstTensor());
    }

    /** A case whose forward and gradient tensors have tolerances of their own. */
    static CaseResult of(String name, Comparison forward, double forwardTolerance, Comparison gradients,
            double gradientTolerance) {
        boolean passed = forward.worst() <= forwardTolerance && gradients.worst() <= gradientTolerance;
        Comparison worse = gradients.worst() > forward.worst() ? gradients : forward;
        return new CaseResult(name, worse.worst(), passed, (forward.compared() + gradients.compared())
                + " tensors, worst " + worse.worstTensor() + " (forward within " + forwardTolerance
                + ", gradients within " + gradientTolerance + ")");
    }

    static CaseResult failed(String name, String why) {
        return new CaseResult(name, Double.NaN, false, why);
    }

    /** One line: name, max error, pass or FAIL, note. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%-44s max error %-10s %s  %s", name,
                Double.isNaN(maxError) ? "-" : String.format(java.util.Locale.ROOT, "%.2e", maxError),
                passed ? "pass" : "FAIL", note);
    }
}
