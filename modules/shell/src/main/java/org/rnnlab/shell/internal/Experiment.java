package org.rnnlab.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * {@code rnn:experiment}: a grid of runs, trained one after another, and a table of how each
 * ended. A key given more than once varies ({@code cell=rnn-tanh cell=lstm}); every combination
 * of the varied keys is one run, named NAME-1, NAME-2, ... in order (the first varied key
 * slowest) and kept afterwards for rnn:status and rnn:gradients. {@code remedies=none} stands
 * for no remedy. Every run is created before any trains, so a bad combination is refused
 * before anything has run, and nothing is left behind.
 */
final class Experiment {
    static final int MAX_RUNS = 64;
    private static final String NONE = "none";

    /** The spec keys with one value, and those with several, in the order given. */
    record Grid(String name, Map<String, String> fixed, Map<String, List<String>> varied) {
        static Grid parse(String... tokens) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            KeyValues.pairs(tokens).forEach(pair -> values.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]));
            List<String> names = values.remove("name");
            if (names != null && names.size() > 1) {
                throw new RnnlabException("name gives the runs' prefix and cannot vary");
            }
            Map<String, String> fixed = new LinkedHashMap<>();
            Map<String, List<String>> varied = new LinkedHashMap<>();
            values.forEach((key, list) -> {
                if (list.size() == 1) {
                    fixed.put(key, list.get(0));
                } else {
                    varied.put(key, List.copyOf(list));
                }
            });
            Grid grid = new Grid(names == null ? "exp" : names.get(0), fixed, varied);
            if (grid.size() > MAX_RUNS) {
                throw new RnnlabException("the grid has " + grid.size() + " runs; at most " + MAX_RUNS
                        + " are trained in one experiment");
            }
            return grid;
        }

        long size() {
            return varied.values().stream().mapToLong(List::size).reduce(1, Math::multiplyExact);
        }

        /** Every combination, the first varied key slowest, as the varied values of each run. */
        List<Map<String, String>> combinations() {
            List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
            for (Map.Entry<String, List<String>> key : varied.entrySet()) {
                List<Map<String, String>> longer = new ArrayList<>();
                for (Map<String, String> prefix : combinations) {
                    for (String value : key.getValue()) {
                        Map<String, String> combination = new LinkedHashMap<>(prefix);
                        combination.put(key.getKey(), value);
                        longer.add(combination);
                    }
                }
                combinations = longer;
            }
            return combinations;
        }

        /** The run spec of one combination. */
        Map<String, String> spec(Map<String, String> combination) {
            Map<String, String> spec = new LinkedHashMap<>(fixed);
            spec.putAll(combination);
            if (NONE.equals(spec.get("remedies"))) {
                spec.put("remedies", "");
            }
            return spec;
        }
    }

    private final Trainer trainer;

    Experiment(Trainer trainer) {
        this.trainer = trainer;
    }

    /** Trains the grid, printing a progress line per finished run, and returns the table of all runs. */
    String run(Grid grid, PrintStream out) throws InterruptedException {
        List<Map<String, String>> combinations = grid.combinations();
        List<String> names = create(grid, combinations);
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("RUN"));
        grid.varied().keySet().forEach(key -> header.add(key.toUpperCase(Locale.ROOT)));
        header.addAll(List.of("RESULT", "LOSS", "|GRAD|", "SECONDS"));
        rows.add(header.toArray(String[]::new));
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            long start = System.nanoTime();
            RunStatus status;
            try {
                trainer.start(name, 0);
                status = trainer.await(name, Duration.ofDays(365));
            } catch (InterruptedException e) {
                trainer.pause(name);
                names.subList(i + 1, names.size()).forEach(trainer::remove);
                out.println("interrupted: " + name + " paused; the runs after it were removed");
                throw e;
            }
            String[] row = row(name, combinations.get(i), status, (System.nanoTime() - start) / 1e9);
            out.println(String.format(Locale.ROOT, "%s (%d/%d) %s: %s", name, i + 1, names.size(),
                    Format.spec(combinations.get(i)), row[row.length - 4]));
            out.flush();
            rows.add(row);
        }
        return Format.table(rows);
    }

    /** Creates every run first: a refused combination removes the ones created and changes nothing. */
    private List<String> create(Grid grid, List<Map<String, String>> combinations) {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < combinations.size(); i++) {
            String name = grid.name() + "-" + (i + 1);
            try {
                trainer.create(name, grid.spec(combinations.get(i)));
            } catch (RuntimeException e) {
                created.forEach(trainer::remove);
                throw new RnnlabException(name + " (" + Format.spec(combinations.get(i)) + "): " + e.getMessage());
            }
            created.add(name);
        }
        return created;
    }

    private String[] row(String name, Map<String, String> combination, RunStatus status, double seconds) {
        List<String> row = new ArrayList<>(List.of(name));
        row.addAll(combination.values());
        if (status.state() == RunState.FINISHED) {
            Evaluation evaluation = trainer.evaluate(name);
            String baseline = Double.isNaN(evaluation.baseline()) ? "" : " (" + Format.number(evaluation.baseline()) + ")";
            row.add(evaluation.metricName() + " " + Format.number(evaluation.metric()) + baseline);
            row.add(Format.number(evaluation.loss()));
        } else {
            row.add(status.state().name().toLowerCase(Locale.ROOT) + " at step " + status.step());
            row.add(Format.number(status.loss()));
        }
        row.add(Format.number(status.gradientNorm()));
        row.add(String.format(Locale.ROOT, "%.1f", seconds));
        return row.toArray(String[]::new);
    }
}
