package org.rnnlab.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.util.tracker.ServiceTracker;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.api.trainer.TrainingListener;
import org.rnnlab.shell.grid.GridTraining;

/**
 * {@code rnn:experiment}: a grid of runs and a table of how each ended. A key given more than
 * once varies ({@code cell=rnn-tanh cell=lstm}); every combination of the varied keys is one run,
 * named NAME-1, NAME-2, ... in order (the first varied key slowest) and kept afterwards for
 * rnn:status and rnn:gradients. {@code remedies=none} stands for no remedy. Every run is created
 * before any trains, so a bad combination is refused before anything has run.
 *
 * <p>Runs train as many at once as the thread budget allows: the processors divided by each
 * run's {@code threads} ({@code parallel=N} sets it); each run is seeded and independent, so the
 * table is the same in any order. The definition is written to {@code runs/NAME.experiment} and
 * every run autosaves ({@code checkpoint.minutes=1} unless the spec says otherwise), so an
 * experiment whose runtime was killed continues with {@code rnn:experiment resume=NAME}: runs
 * that had finished are only evaluated, the others go on from their newest checkpoint. Results
 * go to {@code runs/NAME.csv} and {@code runs/NAME.md} too.
 *
 * <p>{@code cluster=true} hands the unfinished runs to a {@link GridTraining} service (the cluster
 * bundle), which trains them on the cluster's members and loads each final state back here; the
 * grid, the checks and the table stay this class's, so the table is the one a single runtime gives.
 */
final class Experiment {
    static final int MAX_RUNS = 64;
    /** Keys that steer the experiment itself rather than its runs. */
    static final List<String> CONTROL = List.of("name", "parallel", "target", "resume", "cluster");
    private static final String NONE = "none";
    private static final long POLL_MILLIS = 50;
    private static final String PAUSED = "interrupted: the running runs are paused; rnn:experiment resume=%s continues the experiment";
    private static final String GOES_ON = "interrupted: the runs go on in the cluster; rnn:experiment resume=%s cluster=true collects them";
    private static final long CLUSTER_WAIT_MILLIS = 10_000;

    /** The spec keys with one value, those with several, and the experiment's own settings. */
    record Grid(String name, Map<String, String> fixed, Map<String, List<String>> varied, int parallel, double target,
            List<String> tokens, List<Map<String, String>> variants, boolean cluster) {

        /** Named variants instead of every combination (rnn:demo): each map is one run's own keys. */
        static Grid of(String name, Map<String, String> fixed, List<Map<String, String>> variants, List<String> tokens) {
            Map<String, List<String>> columns = new LinkedHashMap<>();
            variants.forEach(v -> v.forEach((k, value) -> columns.computeIfAbsent(k, x -> new ArrayList<>()).add(value)));
            return new Grid(name, fixed, columns, 0, Double.NaN, tokens, List.copyOf(variants), false);
        }

        /** The table's columns: the keys that vary, in the order first given. */
        List<String> columns() {
            return List.copyOf(varied.keySet());
        }

        static Grid parse(String... tokens) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            KeyValues.pairs(tokens).forEach(pair -> values.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]));
            Map<String, String> control = new LinkedHashMap<>();
            for (String key : CONTROL) {
                List<String> given = values.remove(key);
                if (given != null && given.size() > 1) {
                    throw new RnnlabException(key + " is a setting of the experiment and cannot vary");
                }
                if (given != null) {
                    control.put(key, given.get(0));
                }
            }
            Map<String, String> fixed = new LinkedHashMap<>();
            Map<String, List<String>> varied = new LinkedHashMap<>();
            values.forEach((key, list) -> {
                if (list.size() == 1) {
                    fixed.put(key, list.get(0));
                } else if (new java.util.HashSet<>(list).size() < list.size()) {
                    // two equal runs would pass for two settings (seed=1 seed=1: a standard deviation of 0)
                    String twice = list.stream().filter(v -> list.indexOf(v) != list.lastIndexOf(v)).findFirst().orElseThrow();
                    throw new RnnlabException(key + "=" + twice + " is given twice; each value of a varied key makes "
                            + "its own runs, so give it once");
                } else {
                    varied.put(key, List.copyOf(list));
                }
            });
            org.rnnlab.api.Options options = org.rnnlab.api.Options.of("experiment", control);
            String name = control.getOrDefault("name", "exp");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,59}")) {
                // its runs are named NAME-1, NAME-2, ...: checked here, so the message names what was typed
                throw new RnnlabException("experiment name '" + name + "' is not accepted; expected up to 60 letters, "
                        + "digits, '.', '_' or '-', starting with a letter or digit");
            }
            Grid grid = new Grid(name, fixed, varied,
                    options.integer("parallel", 0, 0, 64), options.number("target", Double.NaN,
                            t -> Double.isFinite(t), "a number, the task metric to reach"), List.of(tokens), null,
                    options.bool("cluster", false));
            if (grid.size() > MAX_RUNS) {
                throw new RnnlabException("the grid has " + grid.size() + " runs; at most " + MAX_RUNS
                        + " are trained in one experiment");
            }
            return grid;
        }

        long size() {
            return variants != null ? variants.size()
                    : varied.values().stream().mapToLong(List::size).reduce(1, Math::multiplyExact);
        }

        /** Every combination, the first varied key slowest, as the varied values of each run. */
        List<Map<String, String>> combinations() {
            if (variants != null) {
                return variants;
            }
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

        /** The run spec of one combination; runs autosave so that an interrupted experiment resumes. */
        Map<String, String> spec(Map<String, String> combination) {
            Map<String, String> spec = new LinkedHashMap<>(fixed);
            spec.putAll(combination);
            if (NONE.equals(spec.get("remedies"))) {
                spec.put("remedies", "");
            }
            if (!spec.containsKey("checkpoint.every") && !spec.containsKey("checkpoint.minutes")) {
                spec.put("checkpoint.minutes", "1");
            }
            return spec;
        }

        /** Runs at once: as given, else the processors divided among the runs' threads. */
        int slots() {
            if (parallel > 0) {
                return parallel;
            }
            int threads = 1;
            try {
                threads = Integer.parseInt(fixed.getOrDefault("threads", "1").strip());
            } catch (NumberFormatException e) {
                // the trainer refuses it with its own message when the runs are created
            }
            return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, threads));
        }
    }

    private final Trainer trainer;
    private final BundleContext context;
    /** Ctrl-C in the console: the person's way to stop waiting (the runs are paused, or go on in the cluster). */
    private final RnnCommands.Interrupts ctrlC;
    private final Path home;

    Experiment(Trainer trainer, BundleContext context, Path home, RnnCommands.Interrupts ctrlC) {
        this.trainer = trainer;
        this.context = context;
        this.home = home;
        this.ctrlC = ctrlC;
    }

    /** The grid of {@code resume=NAME}, as it was first given (later keys other than resume= override). */
    Grid resumed(Grid given) throws InterruptedException {
        String name = given.tokens().stream().filter(t -> t.startsWith("resume=")).findFirst().orElseThrow()
                .substring("resume=".length());
        List<String> tokens = new ArrayList<>(stored(name, given.cluster()));
        List<String> again = given.tokens().stream().filter(t -> !t.startsWith("resume=")).toList();
        // a setting of the experiment given again replaces the stored one (cluster=true on another member)
        tokens.removeIf(t -> again.stream().anyMatch(a -> CONTROL.contains(key(a)) && key(a).equals(key(t))));
        tokens.addAll(again);
        return Grid.parse(tokens.toArray(String[]::new));
    }

    /** The words an experiment was first given: runs/NAME.experiment, else, with cluster=true, the cluster's copy. */
    private List<String> stored(String name, boolean cluster) throws InterruptedException {
        Path file = definition(name);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            Optional<List<String>> known = cluster ? onCluster(grids -> grids.definition(name)) : Optional.empty();
            return known.orElseThrow(() -> new RnnlabException("no experiment named " + name + " to resume (" + file
                    + " is missing" + (cluster ? " and the cluster does not know it)" : ")")));
        } catch (IOException e) {
            throw new RnnlabException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The specs of a grid's runs, in the order that names them. */
    private static List<Map<String, String>> runs(Grid grid) {
        return grid.combinations().stream().map(grid::spec).toList();
    }

    /** The words that make an experiment's runs: all but how it is run ({@link #CONTROL}). */
    private static List<String> runWords(List<String> words) {
        return words.stream().filter(word -> !CONTROL.contains(key(word))).toList();
    }

    private static String key(String token) {
        int equals = token.indexOf('=');
        return equals < 0 ? token : token.substring(0, equals);
    }

    private Path definition(String name) {
        return home.resolve("runs").resolve(name + ".experiment");
    }

    /** Trains the grid, printing a line as each run starts and ends, and returns the result table. */
    String run(Grid grid, boolean resume, PrintStream out) throws InterruptedException {
        if (grid.cluster()) {
            // before a run is created or a file written: a runtime that is no member, or whose member
            // cannot join, refuses; and a name the cluster holds an experiment under is not reused
            Optional<List<String>> held;
            try {
                held = onCluster(grids -> untilCtrlC(() -> grids.definition(grid.name()))); // joining takes seconds
            } catch (InterruptedException e) {
                throw new RnnlabException("interrupted while this runtime joins the cluster: nothing was started");
            }
            if (!resume && held.isPresent()) {
                throw new RnnlabException("the cluster holds an experiment named " + grid.name() + " that has not "
                        + "been collected (its coordinator is waiting for it, was interrupted or was lost): "
                        + "rnn:experiment resume=" + grid.name() + " cluster=true collects it; or give another name");
            }
            // a runtime that keeps an older experiment of the name would hand its grid to the cluster's runs
            if (resume && held.isPresent() && !runs(grid).equals(runs(Grid.parse(held.get().toArray(String[]::new))))) {
                Path runs = definition(grid.name()).getParent();
                throw new RnnlabException("resume=" + grid.name() + " here makes other runs than the cluster's "
                        + "experiment " + grid.name() + " (" + String.join(" ", runWords(grid.tokens())) + ", against "
                        + String.join(" ", runWords(held.get())) + "), and would mix the two: resume it on the runtime "
                        + "that started it, or give no words after resume= that change its runs, or move this "
                        + "runtime's " + grid.name() + ".experiment, " + grid.name() + ".progress and " + grid.name()
                        + "-N folders out of " + runs + " (and rnn:remove the " + grid.name() + "-N runs loaded here) "
                        + "to collect the cluster's");
            }
        }
        List<Map<String, String>> combinations = grid.combinations();
        List<String> names = resume ? reattach(grid, combinations) : create(grid, combinations);
        // resumed from the cluster's copy on another runtime: kept here too, so that it resumes here again
        if (!resume || !Files.exists(definition(grid.name()))) {
            writeFile(definition(grid.name()), String.join("\n", grid.tokens()) + "\n");
        }
        Path progressFile = home.resolve("runs").resolve(grid.name() + ".progress");
        ExperimentProgress progress = resume ? ExperimentProgress.resumed(progressFile)
                : ExperimentProgress.fresh(progressFile);
        Map<String, String> metrics = new LinkedHashMap<>();
        names.forEach(n -> metrics.put(n, trainer.status(n).metricName()));
        ServiceRegistration<TrainingListener> listening = Double.isNaN(grid.target()) ? null
                : context.registerService(TrainingListener.class, targetWatch(metrics, grid.target(), progress), null);
        ExperimentResults results = new ExperimentResults(grid, combinations, names);
        try {
            if (grid.cluster()) {
                trainOnCluster(grid, resume, names, results, progress, out);
            } else {
                train(grid, names, results, progress, out);
            }
        } finally {
            if (listening != null) {
                listening.unregister();
            }
        }
        results.evaluate(trainer, progress.reached());
        writeFile(home.resolve("runs").resolve(grid.name() + ".csv"), results.csv());
        writeFile(home.resolve("runs").resolve(grid.name() + ".md"), results.markdown());
        return results.text();
    }

    private void train(Grid grid, List<String> names, ExperimentResults results, ExperimentProgress progress,
            PrintStream out) throws InterruptedException {
        Deque<Integer> waiting = new ArrayDeque<>();
        for (int i = 0; i < names.size(); i++) {
            waiting.add(i);
        }
        Map<Integer, Long> active = new LinkedHashMap<>();
        int slots = grid.slots();
        try {
            while (!waiting.isEmpty() || !active.isEmpty()) {
                while (active.size() < slots && !waiting.isEmpty()) {
                    int i = waiting.poll();
                    long left = stepsLeft(i, names, results, progress, out);
                    if (left == 0) {
                        continue;
                    }
                    trainer.start(names.get(i), left);
                    active.put(i, System.nanoTime());
                    out.println(String.format(Locale.ROOT, "%s (%d/%d) %s: training", names.get(i), i + 1, names.size(),
                            Format.spec(results.combination(i))));
                    out.flush();
                }
                boolean ended = false;
                for (var it = active.entrySet().iterator(); it.hasNext();) {
                    var entry = it.next();
                    RunStatus status = trainer.status(names.get(entry.getKey()));
                    if (status.state() != RunState.RUNNING && status.state() != RunState.WAITING) {
                        it.remove();
                        ended = true;
                        double elapsed = (System.nanoTime() - entry.getValue()) / 1e9;
                        results.ended(entry.getKey(), status, elapsed);
                        if (status.state() == RunState.FINISHED) {
                            progress.finished(names.get(entry.getKey()), elapsed);
                        }
                        out.println(String.format(Locale.ROOT, "%s (%d/%d) %s: %s", names.get(entry.getKey()),
                                entry.getKey() + 1, names.size(), Format.spec(results.combination(entry.getKey())),
                                status.state().name().toLowerCase(Locale.ROOT) + " at step " + status.step()));
                        out.flush();
                    }
                }
                if (ctrlC.pressed()) {
                    throw new InterruptedException();
                }
                if (!ended) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            active.keySet().forEach(i -> trainer.pause(names.get(i)));
            // one line for the person, not the console's print of an InterruptedException
            throw new RnnlabException(String.format(PAUSED, grid.name()));
        }
    }

    /**
     * Steps run i has still to train; 0, with its row noted (and the time it trained then), when it
     * had finished (a resumed experiment).
     */
    private long stepsLeft(int i, List<String> names, ExperimentResults results, ExperimentProgress progress,
            PrintStream out) {
        RunStatus status = trainer.status(names.get(i));
        long steps = Long.parseLong(status.spec().get("steps"));
        if (status.step() < steps) {
            return steps - status.step();
        }
        results.ended(i, status, progress.seconds(names.get(i)));
        out.println(names.get(i) + " had finished: " + status.step() + " steps");
        return 0;
    }

    /** cluster=true: the unfinished runs train on the cluster's members and come back here for the table. */
    private void trainOnCluster(Grid grid, boolean resume, List<String> names, ExperimentResults results,
            ExperimentProgress progress, PrintStream out) throws InterruptedException {
        Map<String, Map<String, String>> unfinished = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (stepsLeft(i, names, results, progress, out) > 0) {
                unfinished.put(names.get(i), grid.spec(results.combination(i)));
            }
        }
        Map<String, GridTraining.Outcome> outcomes;
        try {
            outcomes = onCluster(grids -> untilCtrlC(() -> grids.train(grid.name(), grid.tokens(), unfinished, resume,
                    line -> {
                        out.println(line);
                        out.flush();
                    })));
        } catch (InterruptedException e) {
            throw new RnnlabException(String.format(GOES_ON, grid.name()));
        }
        for (int i = 0; i < names.size(); i++) {
            GridTraining.Outcome outcome = outcomes.get(names.get(i));
            if (outcome != null) {
                reachedElsewhere(names.get(i), outcome, grid.target(), progress);
                results.endedElsewhere(i, outcome.state(), trainer.status(names.get(i)), outcome.seconds());
                if (outcome.state() == RunState.FINISHED) {
                    progress.finished(names.get(i), outcome.seconds());
                }
            }
        }
    }

    /**
     * The first step at which a run that trained on the cluster reached the target, from its
     * records: it may have reached it before this runtime attached to the experiment.
     */
    private void reachedElsewhere(String run, GridTraining.Outcome outcome, double target, ExperimentProgress progress) {
        if (Double.isNaN(target)) {
            return;
        }
        String metric = trainer.status(run).metricName();
        // the smallest step: a run rolled back (the non-finite guard) reports steps again after later ones
        outcome.records().stream().filter(r -> ExperimentResults.reaches(r.metric(), target, metric))
                .mapToLong(GridTraining.Report::step).min().ifPresent(step -> progress.reached(run, step));
    }

    /** Calls the service that trains grids on a cluster (the cluster bundle, once configured). */
    private <T> T onCluster(ClusterWork<T> work) throws InterruptedException {
        ServiceTracker<GridTraining, GridTraining> tracker = new ServiceTracker<>(context, GridTraining.class, null);
        tracker.open();
        try {
            // a runtime that has just started may still be reading its cluster configuration
            GridTraining grids = gridBundleInstalled() ? tracker.waitForService(CLUSTER_WAIT_MILLIS) : tracker.getService();
            if (grids == null) {
                throw new RnnlabException("cluster=true needs this runtime to be a cluster member: the cluster add-on in "
                        + "drop-in/ and PID org.rnnlab.cluster configured (README: Running on several machines)");
            }
            return work.apply(grids);
        } finally {
            tracker.close();
        }
    }

    /** Whether a bundle that can train grids elsewhere (one wired to GridTraining's package) is installed. */
    private boolean gridBundleInstalled() {
        BundleWiring wiring = context.getBundle().adapt(BundleWiring.class);
        String grid = GridTraining.class.getPackageName();
        return wiring != null && wiring.getProvidedWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .anyMatch(wire -> grid.equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)));
    }

    /**
     * Waits for {@code work} on a thread of its own, so that Ctrl-C in the console (noted by
     * {@link #ctrlC}, not a thread interrupt) can stop the waiting: the work is interrupted and
     * InterruptedException thrown here.
     */
    private <T> T untilCtrlC(java.util.concurrent.Callable<T> work) throws InterruptedException {
        java.util.concurrent.ExecutorService waiting = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<T> result = waiting.submit(work);
            while (true) {
                try {
                    return result.get(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (ctrlC.pressed()) {
                        result.cancel(true);
                        throw new InterruptedException();
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    if (e.getCause() instanceof InterruptedException interrupted) {
                        throw interrupted;
                    }
                    throw new RnnlabException("the cluster failed: " + e.getCause().getMessage());
                }
            }
        } finally {
            waiting.shutdownNow();
        }
    }

    private interface ClusterWork<T> {
        T apply(GridTraining grids) throws InterruptedException;
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

    /** The runs of a resumed experiment: loaded now, recovered from their checkpoints, or made anew. */
    private List<String> reattach(Grid grid, List<Map<String, String>> combinations) {
        List<String> names = new ArrayList<>();
        List<String> recoverable = trainer.recoverable();
        for (int i = 0; i < combinations.size(); i++) {
            String name = grid.name() + "-" + (i + 1);
            boolean loaded = trainer.runs().stream().anyMatch(r -> r.name().equals(name));
            if (!loaded && recoverable.contains(name)) {
                trainer.recover(name);
            } else if (!loaded) {
                trainer.create(name, grid.spec(combinations.get(i)));
            }
            names.add(name);
        }
        return names;
    }

    /** Records the first reported step at which each run's training metric reaches the target. */
    private static TrainingListener targetWatch(Map<String, String> metrics, double target, ExperimentProgress progress) {
        return new TrainingListener() {
            @Override
            public void step(StepReport report) {
                String metric = metrics.get(report.run());
                if (metric != null && ExperimentResults.reaches(report.metric(), target, metric)) {
                    progress.reached(report.run(), report.step());
                }
            }
        };
    }

    private void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RnnlabException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
