package org.rnnlab.shell.internal;

import java.util.Locale;

import org.rnnlab.api.trainer.StepReport;

/**
 * ‖dL/dh_t‖ through a window as a text chart: one row per step (at most {@link #ROWS}, evenly
 * sampled), bars on a log scale because vanishing and exploding are exponential in the distance
 * (Bengio, Simard &amp; Frasconi 1994; Pascanu et al. 2013, section 2), and one closing line
 * with the factor between the last step and the first.
 */
final class GradientChart {
    static final int ROWS = 24;
    static final int WIDTH = 40;
    /** A change of less than this factor across the window is called neither vanishing nor exploding. */
    private static final double NOTABLE = 10;

    private GradientChart() {
    }

    static String render(StepReport report) {
        return render(String.format(Locale.ROOT, "run %s, step %d: ||dL/dh_t|| over the last window of the first layer",
                report.run(), report.step()), "t", report.hiddenGradientNorms());
    }

    /** A chart of {@code norms} by step under {@code title}, rows labelled {@code axis=t}. */
    static String render(String title, String axis, double[] norms) {
        if (norms.length == 0) {
            return title + "\n  no gradient through time in this run (e.g. readout=ridge trains no recurrent weights)";
        }
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (double n : norms) {
            if (n > 0 && Double.isFinite(n)) {
                low = Math.min(low, n);
                high = Math.max(high, n);
            }
        }
        StringBuilder out = new StringBuilder(title).append(" (log scale)\n");
        int last = norms.length - 1;
        int shown = -1;
        for (int row = 0; row < Math.min(ROWS, norms.length); row++) {
            int t = norms.length <= ROWS ? row : (int) Math.round((double) row * last / (ROWS - 1));
            if (t == shown) {
                continue;
            }
            shown = t;
            out.append(String.format(Locale.ROOT, "  %s=%-5d %-10s %s%n", axis, t, Format.number(norms[t]),
                    bar(norms[t], low, high)));
        }
        return out.append("  ").append(verdict(norms[0], norms[last], last)).toString();
    }

    private static String bar(double norm, double low, double high) {
        if (!Double.isFinite(norm)) {
            return "!".repeat(WIDTH);
        }
        if (norm <= 0 || !(high > 0)) {
            return "";
        }
        double span = Math.log10(high) - Math.log10(low);
        double fraction = span == 0 ? 1 : (Math.log10(norm) - Math.log10(low)) / span;
        return "#".repeat(Math.max(1, (int) Math.round(fraction * WIDTH)));
    }

    /** From the last step back to the first, as back-propagation travels. */
    static String verdict(double first, double last, int distance) {
        if (!Double.isFinite(first) || !Double.isFinite(last)) {
            return "the gradient is not finite: exploding (try clip-norm, a lower lr or nonfinite-guard)";
        }
        if (distance == 0) {
            return "a window of one step";
        }
        if (first == 0 || last == 0) {
            return "the gradient reaches zero within the window";
        }
        double factor = first / last;
        String over = " over " + distance + " steps back";
        if (factor < 1 / NOTABLE) {
            return "shrinks by " + factor(1 / factor) + over + ": vanishing";
        }
        if (factor > NOTABLE) {
            return "grows by " + factor(factor) + over + ": exploding";
        }
        return "changes by a factor of " + factor(factor) + over + ": neither vanishing nor exploding";
    }

    private static String factor(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
