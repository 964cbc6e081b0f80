package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.StepReport;

class GradientChartTest {
    private static StepReport report(String run, double... hiddenNorms) {
        return new StepReport(run, 300, 0.1, 0.1, 1.0, new double[] {1.0}, hiddenNorms, 10, 320, Map.of());
    }

    /** ‖dL/dh_t‖ = 0.5^(T-1-t): what a contracting recurrence does to a loss at the last step. */
    private static double[] contracting(int steps) {
        double[] norms = new double[steps];
        for (int t = 0; t < steps; t++) {
            norms[t] = Math.pow(0.5, steps - 1 - t);
        }
        return norms;
    }

    @Test
    void aVanishingGradientDrawsBarsThatShortenBackInTimeOnALogScale() {
        List<String> lines = GradientChart.render(report("a", contracting(5))).lines().toList();
        assertEquals("run a, step 300: ||dL/dh_t|| over the last window of the first layer (log scale)", lines.get(0));
        assertEquals("  t=0     0.0625     #", lines.get(1));
        assertEquals("  t=2     0.2500     " + "#".repeat(20), lines.get(3));
        assertEquals("  t=4     1.0000     " + "#".repeat(40), lines.get(5));
        assertEquals("  shrinks by 16.0 over 4 steps back: vanishing", lines.get(6));
    }

    @Test
    void longWindowsAreSampledFromFirstToLastStep() {
        List<String> rows = GradientChart.render(report("a", contracting(100))).lines()
                .filter(line -> line.startsWith("  t=")).toList();
        assertEquals(GradientChart.ROWS, rows.size());
        assertTrue(rows.get(0).startsWith("  t=0 "), rows.get(0));
        assertTrue(rows.get(rows.size() - 1).startsWith("  t=99 "), rows.get(rows.size() - 1));
    }

    @Test
    void verdictsNameTheDirection() {
        assertEquals("grows by 1.00e+06 over 9 steps back: exploding", GradientChart.verdict(1e6, 1, 9));
        assertEquals("changes by a factor of 2.00 over 3 steps back: neither vanishing nor exploding",
                GradientChart.verdict(2, 1, 3));
        assertEquals("the gradient is not finite: exploding (try clip-norm, a lower lr or nonfinite-guard)",
                GradientChart.verdict(Double.POSITIVE_INFINITY, 1, 3));
        assertEquals("the gradient reaches zero within the window", GradientChart.verdict(0, 1, 3));
    }

    @Test
    void nonFiniteNormsAreMarkedAndNoGradientIsSaidPlainly() {
        String chart = GradientChart.render(report("a", Double.NaN, 1.0));
        assertTrue(chart.contains("  t=0     -          " + "!".repeat(GradientChart.WIDTH)), chart);
        assertTrue(GradientChart.render(report("esn")).endsWith(
                "no gradient through time in this run (e.g. readout=ridge trains no recurrent weights)"));
    }

    @Test
    void reportsAreKeptPerRunUntilTheRunIsRemoved() {
        StepReports reports = new StepReports();
        StepReport first = report("a", 1.0);
        reports.step(first);
        reports.step(report("b", 2.0));
        assertEquals(Optional.of(first), reports.latest("a"));
        reports.event(new RunEvent("a", RunEvent.Kind.REMOVED, "removed"));
        assertEquals(Optional.empty(), reports.latest("a"));
        assertTrue(reports.latest("b").isPresent());
    }
}
