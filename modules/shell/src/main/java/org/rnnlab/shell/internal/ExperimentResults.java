package org.rnnlab.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * The results of an experiment: one row per run (its varied values, how it ended, the held-out
 * metric and loss of a finished run, its gradient norm, seconds, and with {@code target=} the
 * first reported step at which its training metric reached the target), then, when seeds vary,
 * one row per setting with the mean ± sample standard deviation over its seeds. As text, CSV and
 * Markdown.
 */
final class ExperimentResults {
    private final Experiment.Grid grid;
    private final List<Map<String, String>> combinations;
    private final List<String> names;
    private final RunStatus[] statuses;
    private final double[] seconds;
    private final Evaluation[] evaluations;
    private final Long[] stepsToTarget;
    private final RunState[] endedElsewhere;

    ExperimentResults(Experiment.Grid grid, List<Map<String, String>> combinations, List<String> names) {
        this.grid = grid;
        this.combinations = combinations;
        this.names = names;
        this.statuses = new RunStatus[names.size()];
        this.seconds = new double[names.size()];
        this.evaluations = new Evaluation[names.size()];
        this.stepsToTarget = new Long[names.size()];
        this.endedElsewhere = new RunState[names.size()];
    }

    Map<String, String> combination(int i) {
        return combinations.get(i);
    }

    void ended(int i, RunStatus status, double elapsed) {
        statuses[i] = status;
        seconds[i] = elapsed;
    }

    /** A run that trained elsewhere (on a cluster) and ended there in {@code state}; its final state is loaded here. */
    void endedElsewhere(int i, RunState state, RunStatus loaded, double elapsed) {
        endedElsewhere[i] = state;
        ended(i, asEnded(i, loaded), elapsed);
    }

    /** A run loaded here after it ended elsewhere reads READY: its row says how it ended where it trained. */
    private RunStatus asEnded(int i, RunStatus here) {
        RunState there = endedElsewhere[i];
        return there == null || there == here.state() ? here : new RunStatus(here.name(), there, here.spec(), here.step(),
                here.targetStep(), here.loss(), here.metric(), here.metricName(), here.gradientNorm(),
                here.stepsPerSecond(), here.remedies(), here.message(), here.parameters());
    }

    /** Evaluates every finished run on its held-out batches (the same batches every time). */
    void evaluate(Trainer trainer, Map<String, Long> reached) {
        for (int i = 0; i < names.size(); i++) {
            statuses[i] = asEnded(i, trainer.status(names.get(i)));
            if (finished(i)) {
                evaluations[i] = trainer.evaluate(names.get(i));
            }
            stepsToTarget[i] = reached.get(names.get(i));
        }
    }

    /** Lower is better for mse, higher for accuracy. */
    static boolean reaches(double value, double target, String metric) {
        return metric.equals("accuracy") ? value >= target : value <= target;
    }

    private boolean finished(int i) {
        RunStatus s = statuses[i];
        return s.state() == RunState.FINISHED || (s.state() == RunState.READY && s.step() > 0
                && s.step() >= Long.parseLong(s.spec().get("steps")));
    }

    private List<String> header() {
        List<String> header = new ArrayList<>(List.of("RUN"));
        grid.columns().forEach(key -> header.add(key.toUpperCase(Locale.ROOT)));
        header.addAll(List.of("RESULT", "LOSS", "|GRAD|", "SECONDS"));
        if (!Double.isNaN(grid.target())) {
            header.add("STEPS TO " + Format.number(grid.target()));
        }
        return header;
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(header().toArray(String[]::new));
        for (int i = 0; i < names.size(); i++) {
            List<String> row = new ArrayList<>(List.of(names.get(i)));
            row.addAll(values(i));
            Evaluation e = evaluations[i];
            if (e != null) {
                String baseline = Double.isNaN(e.baseline()) ? "" : " (" + Format.number(e.baseline()) + ")";
                row.add(e.metricName() + " " + Format.number(e.metric()) + baseline);
                row.add(Format.number(e.loss()));
            } else {
                row.add(statuses[i].state().name().toLowerCase(Locale.ROOT) + " at step " + statuses[i].step());
                row.add(Format.number(statuses[i].loss()));
            }
            row.add(Format.number(statuses[i].gradientNorm()));
            row.add(String.format(Locale.ROOT, "%.1f", seconds[i]));
            if (!Double.isNaN(grid.target())) {
                row.add(stepsToTarget[i] == null ? "-" : String.valueOf(stepsToTarget[i]));
            }
            rows.add(row.toArray(String[]::new));
        }
        return rows;
    }

    /** Run i's value of every column ("-" for a key its variant does not set). */
    private List<String> values(int i) {
        return grid.columns().stream().map(k -> combinations.get(i).getOrDefault(k, "-")).toList();
    }

    /** Mean ± spread over seeds, one row per setting of the other varied keys; empty without varied seeds. */
    private List<String[]> summary() {
        if (!grid.varied().containsKey("seed")) {
            return List.of();
        }
        Map<Map<String, String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, String> setting = new LinkedHashMap<>(combinations.get(i));
            setting.remove("seed");
            groups.computeIfAbsent(setting, k -> new ArrayList<>()).add(i);
        }
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        grid.columns().stream().filter(k -> !k.equals("seed")).forEach(k -> header.add(k.toUpperCase(Locale.ROOT)));
        header.addAll(List.of("SEEDS", "FINISHED", "METRIC MEAN ± SD", "LOSS MEAN ± SD"));
        if (!Double.isNaN(grid.target())) {
            header.add("REACHED");
        }
        rows.add(header.toArray(String[]::new));
        groups.forEach((setting, members) -> {
            List<String> row = new ArrayList<>(setting.values());
            List<Double> metrics = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            long reached = 0;
            for (int i : members) {
                if (evaluations[i] != null) {
                    metrics.add(evaluations[i].metric());
                    losses.add(evaluations[i].loss());
                }
                reached += stepsToTarget[i] != null ? 1 : 0;
            }
            row.add(String.valueOf(members.size()));
            row.add(String.valueOf(metrics.size()));
            row.add(meanAndSpread(metrics));
            row.add(meanAndSpread(losses));
            if (!Double.isNaN(grid.target())) {
                row.add(reached + "/" + members.size());
            }
            rows.add(row.toArray(String[]::new));
        });
        return rows;
    }

    /** Mean ± sample standard deviation (n − 1); the mean alone for one value. */
    static String meanAndSpread(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (values.size() == 1) {
            return Format.number(mean);
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Format.number(mean) + " ± " + Format.number(Math.sqrt(sum / (values.size() - 1)));
    }

    String text() {
        List<String[]> summary = summary();
        return Format.table(rows()) + (summary.isEmpty() ? "" : "\n\n" + Format.table(summary));
    }

    String csv() {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("run"));
        grid.columns().forEach(header::add);
        header.addAll(List.of("state", "step", "metric_name", "metric", "loss", "gradient_norm", "seconds", "steps_to_target"));
        out.append(String.join(",", header)).append('\n');
        for (int i = 0; i < names.size(); i++) {
            List<String> row = new ArrayList<>(List.of(names.get(i)));
            values(i).forEach(v -> row.add(quote(v)));
            Evaluation e = evaluations[i];
            // a run loaded at its last step (resumed, or trained on a cluster) finished as much as one that just did
            row.add(finished(i) ? "finished" : statuses[i].state().name().toLowerCase(Locale.ROOT));
            row.add(String.valueOf(statuses[i].step()));
            row.add(statuses[i].metricName());
            row.add(e == null ? "" : String.valueOf(e.metric()));
            row.add(e == null ? String.valueOf(statuses[i].loss()) : String.valueOf(e.loss()));
            row.add(String.valueOf(statuses[i].gradientNorm()));
            row.add(String.format(Locale.ROOT, "%.3f", seconds[i]));
            row.add(stepsToTarget[i] == null ? "" : String.valueOf(stepsToTarget[i]));
            out.append(String.join(",", row)).append('\n');
        }
        return out.toString();
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# Experiment " + grid.name() + "\n\n`"
                + (grid.variants() == null ? "rnn:experiment " : "") + String.join(" ", grid.tokens()) + "`\n\n");
        markdownTable(out, rows());
        List<String[]> summary = summary();
        if (!summary.isEmpty()) {
            out.append('\n');
            markdownTable(out, summary);
        }
        return out.toString();
    }

    private static void markdownTable(StringBuilder out, List<String[]> rows) {
        for (int r = 0; r < rows.size(); r++) {
            out.append("| ").append(String.join(" | ", List.of(rows.get(r)).stream()
                    .map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
            if (r == 0) {
                out.append("|").append(" --- |".repeat(rows.get(r).length)).append('\n');
            }
        }
    }
}
