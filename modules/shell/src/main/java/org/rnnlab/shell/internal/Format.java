package org.rnnlab.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;

/** How runs, steps and evaluations read in the terminal. */
final class Format {
    private Format() {
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        return String.format(Locale.ROOT, magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) ? "%.3e" : "%.4f", value);
    }

    static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.0f", perSecond);
    }

    static String progress(StepReport r, long target, String metricName, String task) {
        return String.format(Locale.ROOT, "step %d/%d  loss %s  %s %s  |grad| %s  %s steps/s", r.step(), target,
                number(r.loss()) + unit(metricName, task), metricName, number(r.metric()), number(r.gradientNorm()),
                rate(r.stepsPerSecond()));
    }

    /**
     * The progress line with where the run is: percent of this training, time since it started
     * and time left at the recent rate ({@code first} is the step it started from).
     */
    static String progress(StepReport r, long first, long target, String metricName, String task, double elapsedSeconds) {
        long total = Math.max(1, target - first);
        long done = Math.max(0, r.step() - first);
        double left = r.stepsPerSecond() > 0 ? (target - r.step()) / r.stepsPerSecond() : Double.NaN;
        return progress(r, target, metricName, task) + (Double.isNaN(r.learningRate()) ? "" : "  lr " + number(r.learningRate()))
                + String.format(Locale.ROOT, "  %d%%  %s elapsed, %s left",
                100 * done / total, duration(elapsedSeconds), Double.isNaN(left) ? "-" : duration(left));
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * The unit of a loss: a cross-entropy (tasks whose metric is accuracy) is in nats, per
     * character for the text task; a mean squared error has none.
     */
    static String unit(String metricName, String task) {
        return metricName.equals("accuracy") ? " nats" + ("text".equals(task) ? "/char" : "") : "";
    }

    /** A loss with its unit, and for a cross-entropy its bits and perplexity, as language models report it. */
    static String loss(double loss, String metricName, String task) {
        String unit = unit(metricName, task);
        if (unit.isEmpty()) {
            return number(loss);
        }
        String per = "text".equals(task) ? "/char" : "";
        return number(loss) + unit + " (" + number(loss / Math.log(2)) + " bits" + per + ", perplexity "
                + number(Math.exp(loss)) + ")";
    }

    /**
     * A run this runtime holds but that trains on another member (rnn:experiment cluster=true):
     * its latest report there, when that is ahead of the copy here; null otherwise.
     */
    static String elsewhere(RunStatus here, org.rnnlab.shell.grid.GridTraining.Elsewhere there) {
        if (there == null || here.state() != org.rnnlab.api.trainer.RunState.READY || there.step() <= here.step()) {
            return null;
        }
        long total = here.targetStep() > 0 ? here.targetStep() : specSteps(here);
        if (total > 0 && there.step() >= total) {
            // it ended there; the table and this copy wait for the experiment to be collected
            String experiment = here.name().replaceFirst("-\\d+$", "");
            return String.format(Locale.ROOT, "%s  ended on %s at step %d  loss %s  %s %s  (rnn:experiment resume=%s "
                    + "cluster=true collects it)", here.name(), there.member(), there.step(), number(there.loss()),
                    here.metricName(), number(there.metric()), experiment);
        }
        return String.format(Locale.ROOT, "%s  training on %s  step %d%s  loss %s  %s %s  %s steps/s  (rnn:cluster shows "
                + "the cluster)", here.name(), there.member(), there.step(), total > 0 ? "/" + total : "",
                number(there.loss()), here.metricName(), number(there.metric()), rate(there.stepsPerSecond()));
    }

    /** The steps a run's spec asks for, or 0 when it names none (or none that is a number). */
    private static long specSteps(RunStatus run) {
        try {
            return Long.parseLong(run.spec().getOrDefault("steps", "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String status(RunStatus s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s  %s  step %d%s  loss %s  %s %s  |grad| %s  %s steps/s",
                s.name(), s.state().name().toLowerCase(Locale.ROOT), s.step(),
                s.targetStep() > 0 ? "/" + s.targetStep() : "", number(s.loss()), s.metricName(), number(s.metric()),
                number(s.gradientNorm()), rate(s.stepsPerSecond())));
        for (Map.Entry<String, Map<String, Double>> remedy : s.remedies().entrySet()) {
            out.append("\n  remedy ").append(remedy.getKey());
            remedy.getValue().forEach((k, v) -> out.append(' ').append(k).append('=').append(number(v)));
        }
        out.append("\n  spec ").append(spec(s.spec()));
        if (!s.message().isEmpty()) {
            out.append("\n  ").append(s.message());
        }
        return out.toString().stripTrailing();
    }

    /** A spec as the user would type it: {@code key=value} pairs separated by spaces. */
    static String spec(Map<String, String> spec) {
        StringBuilder out = new StringBuilder();
        spec.forEach((k, v) -> out.append(out.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return out.toString();
    }

    static String evaluation(Evaluation e, String task) {
        String baseline = Double.isNaN(e.baseline()) ? "" : " (baseline " + number(e.baseline()) + ")";
        return String.format(Locale.ROOT, "eval %s: %s %s%s, loss %s on %d sequences at step %d", e.run(), e.metricName(),
                number(e.metric()), baseline, loss(e.loss(), e.metricName(), task), e.sequences(), e.step());
    }

    /** Rows as aligned columns, two spaces apart; the last column is not padded. */
    static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                out.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            out.append(row[widths.length]).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
