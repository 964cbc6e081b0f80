package org.rnnlab.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.Diagnostics;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.api.trainer.TrainingListener;
import org.rnnlab.core.files.HomeFiles;

/**
 * The {@code rnn} commands: a thin layer over the {@link Trainer} service. Errors surface as a
 * {@link RnnlabException} whose one-line message the shell prints; nothing here catches them.
 */
@Component(service = RnnCommands.class)
@GogoCommand(scope = "rnn", function = {"components", "new", "start", "pause", "resume", "stop", "status", "runs",
        "train", "set", "remedy", "eval", "history", "memory", "save", "load", "recover", "await", "remove", "bench", "gradients",
        "diagnostics", "experiment", "demo", "sample", "completions"})
public class RnnCommands {
    /** Ctrl-C presses noted while a command follows a run ({@link TerminalInterrupts}). */
    interface Interrupts extends AutoCloseable {
        Interrupts NONE = new Interrupts() {
            @Override
            public boolean pressed() {
                return false;
            }

            @Override
            public void close() {
            }
        };

        boolean pressed();

        @Override
        void close();
    }

    /** The interactive console's terminal, as Gogo's JLine shell keeps it in the session. */
    private static final String TERMINAL = ".terminal";

    /** Session variable: when true, progress is printed a line at a time (no carriage returns). */
    public static final String LINE_PROGRESS = "rnnlab.lineProgress";

    private final Trainer trainer;
    private final StepReports reports;
    private final BundleContext context;

    @Activate
    public RnnCommands(@Reference Trainer trainer, @Reference StepReports reports, BundleContext context) {
        this.trainer = trainer;
        this.reports = reports;
        this.context = context;
    }

    @Descriptor("list the installed components: kind, name, bundle, version, description")
    public String components() {
        return ComponentListing.table(context, null);
    }

    @Descriptor("list the installed components of one kind, or describe the components of one name")
    public String components(
            @Descriptor("cells, initializers, optimizers, remedies, tasks or backends; or a name, e.g. lstm") String kind) {
        if (ComponentListing.isKind(kind)) {
            return ComponentListing.table(context, ComponentListing.kind(kind));
        }
        return ComponentListing.describe(context, kind);
    }

    @Descriptor("create a run without starting it, e.g. rnn:new a task=adding length=100 cell=lstm hidden=64")
    public String _new(@Descriptor("run name") String name,
            @Descriptor(RunKeys.HELP) String... spec) {
        RunStatus status = trainer.create(name, KeyValues.parse(spec));
        return "created " + Format.status(status);
    }

    @Descriptor("train a run in the background")
    public String start(@Descriptor("run name") String name,
            @Descriptor("steps=N: how many more steps (default: the spec's steps)") String... options) {
        return Format.status(trainer.start(name, steps(options)));
    }

    @Descriptor("pause a training run; rnn:resume continues it")
    public String pause(@Descriptor("run name") String name) {
        return Format.status(trainer.pause(name));
    }

    @Descriptor("resume a paused run, or a recovered one towards the step it was heading for")
    public String resume(@Descriptor("run name") String name) {
        return Format.status(trainer.resume(name));
    }

    @Descriptor("stop a run; it keeps its parameters for rnn:eval, rnn:save or another rnn:start")
    public String stop(@Descriptor("run name") String name) {
        return Format.status(trainer.stop(name));
    }

    @Descriptor("how every run is doing")
    public String status() {
        return trainer.runs().isEmpty() ? runs()
                : trainer.runs().stream().map(this::shown).collect(Collectors.joining("\n"));
    }

    @Descriptor("how a run is doing: state, step, loss, metric, gradient norm, speed, remedies, spec")
    public String status(@Descriptor("run name") String name) {
        return shown(trainer.status(name));
    }

    /** A run's status, or where it trains meanwhile when that is another member of a cluster. */
    private String shown(RunStatus status) {
        ServiceReference<org.rnnlab.shell.grid.GridTraining> ref = context.getServiceReference(
                org.rnnlab.shell.grid.GridTraining.class);
        if (ref != null) {
            org.rnnlab.shell.grid.GridTraining grid = context.getService(ref);
            try {
                String there = grid == null ? null : Format.elsewhere(status, grid.elsewhere(status.name()).orElse(null));
                if (there != null) {
                    return there;
                }
            } finally {
                context.ungetService(ref);
            }
        }
        return Format.status(status);
    }

    @Descriptor("list the runs, one line each")
    public String runs() {
        if (trainer.runs().isEmpty()) {
            return "no runs; create one with rnn:new NAME key=value ... or rnn:train key=value ...";
        }
        return trainer.runs().stream().map(s -> shown(s).lines().findFirst().orElse(""))
                .collect(Collectors.joining("\n"));
    }

    @Descriptor("change a live run at its next step: lr=0.01, optimizer=sgd, remedies=clip-norm:max=5, backend=...")
    public String set(@Descriptor("run name") String name,
            @Descriptor("key=value changes of the " + RunKeys.HELP + " (not hidden, layers, bidirectional, seed, init.*)")
            String... changes) {
        return Format.status(trainer.set(name, KeyValues.parse(changes)));
    }

    @Descriptor("change a live run's remedy list at its next step: add NAME [key=value ...] | remove NAME | list")
    public String remedy(@Descriptor("run name") String name,
            @Descriptor("add, remove or list") String action,
            @Descriptor("remedy name and its key=value options") String... arguments) {
        RemedyList current = RemedyList.of(trainer.status(name).spec().getOrDefault("remedies", ""));
        switch (action) {
            case "list":
                return current.isEmpty() ? "no remedies" : String.join("\n", current.items());
            case "add":
                return Format.status(trainer.set(name, Map.of("remedies", current.add(arguments).toString())));
            case "remove":
                return Format.status(trainer.set(name, Map.of("remedies", current.remove(arguments).toString())));
            default:
                throw new RnnlabException("unknown action '" + action + "'; accepted: add, remove, list");
        }
    }

    @Descriptor("measure training speed on character-level text: cell=lstm hidden=256 batch=32 length=64 "
            + "backend=auto threads=1 precision=double steps=50 warmup=5 (at least; more until the JIT is quiet, 0 for "
            + "none) [file=PATH]; without hidden, H = 128, 256, 512 in turn")
    public void bench(@Descriptor("key=value options") String... options) throws InterruptedException {
        new Bench(trainer, name -> ComponentListing.present(context, "backends", name),
                (name, measure) -> ComponentListing.withBackend(context, name, measure)).run(KeyValues.parse(options), System.out);
    }

    @Descriptor("chart ||dL/dh_t|| through the last window of a run's latest report (log scale); with diagnostics=N "
            + "also ||dh_T/dh_k|| for any layer, and csv=FILE writes them")
    public String gradients(@Descriptor("run name") String name,
            @Descriptor("layer=L (0) direction=0|1 csv=FILE (relative to the home folder)") String... options) {
        Options given = Options.of("gradients", KeyValues.parse(options)).allowOnly("layer", "direction", "csv");
        trainer.status(name); // an unknown name gets the trainer's one-line error
        int layer = given.integer("layer", 0, 0, 1_000);
        int direction = given.integer("direction", 0, 0, 1);
        boolean specific = given.has("layer") || given.has("direction") || given.has("csv");
        java.util.Optional<StepReport> diagnosed = reports.latestDiagnosed(name);
        StepReport latest = reports.latest(name).orElseThrow(() -> new RnnlabException("run " + name
                + " has not reported a step yet: start it (it reports every report=N steps and at its last)"));
        if (diagnosed.isEmpty() && specific) {
            throw new RnnlabException("run " + name + " has no diagnostics yet: layer=, direction= and csv= need "
                    + "diagnostics=N in its spec (rnn:set " + name + " diagnostics=100)");
        }
        if (diagnosed.isEmpty() || (!specific && diagnosed.get().step() != latest.step())) {
            return GradientChart.render(latest); // the newest report, first layer
        }
        StepReport report = diagnosed.get();
        Diagnostics.UnitFlow unit = DiagnosticsReport.unit(report, layer, direction);
        String chart = DiagnosticsReport.gradients(report, unit);
        if (given.has("csv")) {
            chart += "\nwrote " + write(given.text("csv", ""), DiagnosticsReport.CSV_HEADER, DiagnosticsReport.csv(report));
        }
        return chart;
    }

    @Descriptor("show a run's latest diagnostics (diagnostics=N in its spec): gradient flow and saturation per layer, "
            + "spectra of the recurrent weights, gradient, value and update size per parameter, learning rate")
    public String diagnostics(@Descriptor("run name") String name,
            @Descriptor("csv=FILE (relative to the home folder): every value as a row") String... options) {
        Options given = Options.of("diagnostics", KeyValues.parse(options)).allowOnly("csv");
        trainer.status(name);
        StepReport report = reports.latestDiagnosed(name).orElseThrow(() -> new RnnlabException("run " + name
                + " has no diagnostics yet: give it diagnostics=N (every N steps; rnn:set " + name
                + " diagnostics=100) and train"));
        String text = DiagnosticsReport.text(report);
        if (given.has("csv")) {
            text += "\nwrote " + write(given.text("csv", ""), DiagnosticsReport.CSV_HEADER, DiagnosticsReport.csv(report));
        }
        return text;
    }

    /** Writes a text file relative to the home folder (rnnlab.home), as checkpoints are. */
    /** A CSV written over nothing or over an earlier one of its command: one that starts with {@code kindStart}. */
    private Path write(String file, String kindStart, String content) {
        if (file.isBlank()) {
            throw new RnnlabException("csv= is empty; give a file name, e.g. csv=runs/a.csv");
        }
        return HomeFiles.replace(new HomeFiles(home()).resolve(file), HomeFiles.Kind.startingWith("an earlier CSV of this command", kindStart),
                out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Descriptor("train a grid of runs, as many at once as the processors allow, and tabulate how each ended; a key "
            + "given twice varies, e.g. rnn:experiment name=e length=50 cell=rnn-tanh cell=lstm remedies=none "
            + "remedies=clip-norm:max=1 seed=1 seed=2 target=0.05; resume=NAME continues an interrupted one; cluster=true "
            + "trains the runs on the cluster's members")
    public String experiment(CommandSession session,
            @Descriptor("name=PREFIX (exp) parallel=N target=METRIC resume=PREFIX cluster=true, and run spec pairs; "
            + "repeat a key to vary it") String... spec) throws InterruptedException {
        Object terminal = session.get(TERMINAL);
        try (Interrupts ctrlC = terminal == null ? Interrupts.NONE : new TerminalInterrupts(terminal, () -> { })) {
            Experiment experiment = new Experiment(trainer, context, home(), ctrlC);
            Experiment.Grid grid = Experiment.Grid.parse(spec);
            boolean resume = java.util.Arrays.stream(spec).anyMatch(t -> t.startsWith("resume="));
            return experiment.run(resume ? experiment.resumed(grid) : grid, resume, System.out);
        }
    }

    @Descriptor("run a classic experiment and tell its story: vanishing, exploding, reservoir or truncation "
            + "(each a few minutes; its runs are kept as demo-NAME-1, ...)")
    public String demo(@Descriptor("vanishing, exploding, reservoir or truncation") String name) throws InterruptedException {
        return new Demo(trainer, new Experiment(trainer, context, home(), Interrupts.NONE), reports).run(name, System.out);
    }

    @Descriptor("list the demos")
    public String demo() {
        StringBuilder out = new StringBuilder();
        Demo.STORIES.forEach((name, story) -> out.append(name).append(": ").append(story.title()).append('\n'));
        return out.toString().stripTrailing();
    }

    @Descriptor("completion candidates for the console (spec, runs or both); the shell's profile wires them to TAB")
    public java.util.List<String> completions(@Descriptor("spec, runs or both") String what) {
        return Completions.candidates(what, trainer, context);
    }

    /** The home folder (rnnlab.home, else the working folder), where runs/ lives. */
    private Path home() {
        String home = context.getProperty("rnnlab.home");
        return Path.of(home == null || home.isBlank() ? "." : home);
    }

    @Descriptor("generate text from a character-level run: length=200 temperature=1 seed=1 \"prime=TEXT\" "
            + "(the model reads the prime first; lower temperatures are more conservative)")
    public String sample(CommandSession session, @Descriptor("run name") String name,
            @Descriptor("length=N temperature=T seed=S prime=TEXT") String... options) {
        Options given = Options.of("sample", KeyValues.parse(options)).allowOnly("length", "temperature", "seed", "prime");
        // The prime is text, not a setting: its spaces count, so it is taken as typed.
        String prime = java.util.Arrays.stream(options).filter(o -> o.startsWith("prime=")).findFirst()
                .map(o -> o.substring("prime=".length())).orElse("");
        int length = given.integer("length", 200, 1, 1_000_000);
        double temperature = given.positive("temperature", 1.0);
        long seed = given.count("seed", 1, Long.MIN_VALUE); // any integer, as a run's seed
        // Ctrl-C stops a long sample in words (the sampler looks for the interrupt), not as Gogo's InterruptedException
        Object terminal = session.get(TERMINAL);
        Thread sampling = Thread.currentThread();
        try (Interrupts ctrlC = terminal == null ? Interrupts.NONE : new TerminalInterrupts(terminal, sampling::interrupt)) {
            try {
                return prime + trainer.sample(name, prime, length, temperature, seed);
            } finally {
                if (ctrlC.pressed()) {
                    Thread.interrupted(); // a press after the last character: nothing is left to stop
                }
            }
        }
    }

    @Descriptor("evaluate a run on its fixed held-out batches; mode=free horizon=84 [starts=50] runs a one-step "
            + "series predictor on its own outputs and gives the NRMSE at that horizon (Jaeger 2001)")
    public String eval(@Descriptor("run name") String name,
            @Descriptor("mode=free horizon=N starts=N (a series task such as mackey-glass)") String... options) {
        Options given = Options.of("eval", KeyValues.parse(options)).allowOnly("mode", "horizon", "starts");
        if (given.choice("mode", "teacher", "free").equals("free")) {
            org.rnnlab.api.trainer.FreeRun free = trainer.runFreely(name, given.integer("horizon", 84, 1, 1_000_000),
                    given.integer("starts", 50, 1, 100_000));
            return String.format(java.util.Locale.ROOT, "free run %s: NRMSE %s at %d steps on its own predictions, "
                    + "from %d held-out starts (teacher-forced for %d steps first) at step %d", name, Format.number(free.nrmse()),
                    free.horizon(), free.starts(), free.warmup(), free.step());
        }
        if (given.has("horizon") || given.has("starts")) {
            throw new RnnlabException("horizon= and starts= belong to mode=free");
        }
        Evaluation evaluation = trainer.evaluate(name);
        if (!Double.isFinite(evaluation.loss())) {
            throw new RnnlabException("run " + name + " evaluates to a non-finite loss (" + evaluation.loss() + ") at step "
                    + evaluation.step() + ": its parameters have diverged; rnn:load or rnn:recover an earlier checkpoint");
        }
        return Format.evaluation(evaluation, trainer.status(name).spec().get("task"));
    }

    @Descriptor("short-term memory capacity of a run's model (Jaeger 2002): how many past inputs linear readouts of its "
            + "state recall from i.i.d. input, MC = sum over delays of r^2; at most the number of units")
    public String memory(@Descriptor("run name") String name, @Descriptor("delays=K (default twice the units)") String... options) {
        Options given = Options.of("memory", KeyValues.parse(options)).allowOnly("delays");
        int units = Integer.parseInt(trainer.status(name).spec().get("hidden"))
                * ("true".equals(trainer.status(name).spec().get("bidirectional")) ? 2 : 1);
        org.rnnlab.api.trainer.MemoryCapacity mc = trainer.memoryCapacity(name, given.integer("delays", 2 * units, 1, 10_000));
        StringBuilder out = new StringBuilder(String.format(java.util.Locale.ROOT,
                "run %s, step %d: memory capacity %.2f of at most %d (delays 1..%d)%n", name, mc.step(), mc.total(),
                mc.units(), mc.perDelay().length));
        int shown = Math.min(mc.perDelay().length, GradientChart.ROWS);
        for (int i = 0; i < shown; i++) {
            int k = mc.perDelay().length <= GradientChart.ROWS ? i : (int) Math.round((double) i * (mc.perDelay().length - 1) / (shown - 1));
            double r2 = mc.perDelay()[k];
            out.append(String.format(java.util.Locale.ROOT, "  k=%-5d %.4f %s%n", k + 1, r2,
                    "#".repeat((int) Math.round(Math.max(0, Math.min(1, r2)) * GradientChart.WIDTH))));
        }
        return out.toString().stripTrailing();
    }

    /** How rnn:history's CSV starts, whatever the task's metric (the third column). */
    private static final String HISTORY_CSV_START = "step,loss,";

    @Descriptor("the held-out evaluations a run made every eval.every steps (csv=FILE writes them, relative to the home folder)")
    public String history(@Descriptor("run name") String name, @Descriptor("csv=FILE") String... options) {
        Options given = Options.of("history", KeyValues.parse(options)).allowOnly("csv");
        java.util.List<Evaluation> history = trainer.history(name);
        if (history.isEmpty()) {
            throw new RnnlabException("run " + name + " has no held-out evaluations yet: give it eval.every=N (rnn:set "
                    + name + " eval.every=100) and train");
        }
        String task = trainer.status(name).spec().get("task");
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"STEP", "LOSS", history.get(0).metricName().toUpperCase(java.util.Locale.ROOT)});
        StringBuilder csv = new StringBuilder(HISTORY_CSV_START + history.get(0).metricName() + "\n");
        for (Evaluation e : history) {
            rows.add(new String[] {String.valueOf(e.step()), Format.loss(e.loss(), e.metricName(), task), Format.number(e.metric())});
            csv.append(e.step()).append(',').append(e.loss()).append(',').append(e.metric()).append('\n');
        }
        String table = Format.table(rows);
        return given.has("csv") ? table + "\nwrote " + write(given.text("csv", ""), HISTORY_CSV_START, csv.toString()) : table;
    }

    @Descriptor("write a checkpoint to runs/NAME.ckpt under the home folder")
    public String save(@Descriptor("run name") String name) {
        return "saved " + name + " to " + trainer.save(name, null);
    }

    @Descriptor("write a checkpoint to a file (relative to the home folder); replaces only an earlier checkpoint")
    public String save(@Descriptor("run name") String name, @Descriptor("checkpoint file") String file) {
        return "saved " + name + " to " + trainer.save(name, path(file));
    }

    @Descriptor("load a checkpoint (relative to the home folder) as a run named after the file; it continues exactly where it was saved")
    public String load(@Descriptor("checkpoint file") String file) {
        return "loaded " + Format.status(trainer.load(path(file), null));
    }

    @Descriptor("load a checkpoint as a run with the given name")
    public String load(@Descriptor("checkpoint file") String file, @Descriptor("run name") String name) {
        return "loaded " + Format.status(trainer.load(path(file), name));
    }

    private static Path path(String file) {
        try {
            return Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new RnnlabException("'" + file + "' is not a file path: " + e.getReason());
        }
    }

    @Descriptor("load the newest autosaved checkpoint of every run under runs/ that is not loaded now")
    public String recover() {
        return recovered(trainer.recover(null));
    }

    @Descriptor("load the newest autosaved checkpoint of one run (checkpoint.every, checkpoint.minutes, or saved at exit)")
    public String recover(@Descriptor("run name") String name) {
        return recovered(trainer.recover(name));
    }

    private static String recovered(java.util.List<org.rnnlab.api.trainer.RunStatus> runs) {
        StringBuilder out = new StringBuilder();
        for (org.rnnlab.api.trainer.RunStatus run : runs) {
            out.append(out.length() == 0 ? "" : "\n").append("recovered ").append(Format.status(run));
        }
        return out.toString();
    }

    @Descriptor("wait until a run is no longer running (for scripts), then show its status")
    public String await(@Descriptor("run name") String name) throws InterruptedException {
        return Format.status(trainer.await(name, java.time.Duration.ofDays(365)));
    }

    @Descriptor("forget a run (stopping it first)")
    public String remove(@Descriptor("run name") String name) {
        trainer.remove(name);
        return "removed " + name;
    }

    @Descriptor("create and train a run in the foreground with a live progress line, then evaluate it; "
            + "e.g. rnn:train name=a task=adding length=20 cell=rnn-tanh steps=2000")
    public String train(CommandSession session,
            @Descriptor("name=NAME (default: run1, run2, ...), steps=N and the " + RunKeys.HELP) String... spec)
            throws InterruptedException {
        Map<String, String> values = new LinkedHashMap<>(KeyValues.parse(spec));
        String name = values.containsKey("name") ? values.remove("name") : freeName();
        RunStatus created = trainer.create(name, values);
        PrintStream out = System.out;
        boolean lines = Boolean.TRUE.equals(session.get(LINE_PROGRESS));
        out.println("training " + name + ": " + Format.spec(created.spec()));
        if (!created.message().equals("created")) {
            out.println("  " + created.message()); // what the cells reported, e.g. a reservoir's spectral radius
        }
        AtomicReference<StepReport> latest = new AtomicReference<>();
        AtomicReference<Evaluation> heldOut = new AtomicReference<>();
        Dictionary<String, Object> filter = new Hashtable<>(Map.of(TrainingListener.RUN, name));
        ServiceRegistration<TrainingListener> listener = context.registerService(TrainingListener.class,
                new TrainingListener() {
                    @Override
                    public void step(StepReport report) {
                        if (report.evaluation() != null) {
                            heldOut.set(report.evaluation());
                        }
                        latest.set(report);
                    }
                }, filter);
        Object terminal = session.get(TERMINAL);
        Interrupts interrupts = terminal == null ? Interrupts.NONE : new TerminalInterrupts(terminal, () -> pauseIfRunning(name));
        try {
            RunStatus status = trainer.start(name, 0);
            long target = status.targetStep();
            long first = status.step();
            long started = System.nanoTime();
            StepReport shown = null;
            while (status.state() == RunState.RUNNING) {
                status = trainer.await(name, Duration.ofMillis(lines ? 1000 : 250));
                if (interrupts.pressed()) {
                    return paused(name, out);
                }
                StepReport report = latest.get();
                if (report != null && report != shown) {
                    shown = report;
                    String task = status.spec().get("task");
                    Evaluation validation = heldOut.get();
                    String line = Format.progress(report, first, target, status.metricName(), task,
                            (System.nanoTime() - started) / 1e9)
                            + (validation == null ? "" : "  held out " + Format.number(validation.loss())
                                    + Format.unit(validation.metricName(), task));
                    out.print(lines ? line + "\n" : "\r" + line + "   ");
                    out.flush();
                }
            }
            if (!lines) {
                out.println();
            }
            if (status.state() != RunState.FINISHED) {
                throw new RnnlabException("run " + name + " " + status.state().name().toLowerCase() + ": " + status.message());
            }
            Evaluation evaluation = trainer.evaluate(name);
            return Format.evaluation(evaluation, status.spec().get("task"));
        } catch (InterruptedException e) {
            return paused(name, out);
        } finally {
            interrupts.close();
            listener.unregister();
        }
    }

    /** Ctrl-C: the run pauses and keeps everything; printed, since an interrupted job's value is dropped. */
    private String paused(String name, PrintStream out) {
        RunStatus paused = pauseIfRunning(name);
        out.println();
        out.println("interrupted: run " + name + " " + paused.state().name().toLowerCase(java.util.Locale.ROOT)
                + " at step " + paused.step() + " (rnn:resume " + name + " or rnn:stop " + name + ")");
        out.flush();
        return null;
    }

    /** Pauses the run unless it is paused already (Ctrl-C's own thread may have been first) or has ended. */
    private RunStatus pauseIfRunning(String name) {
        try {
            return trainer.pause(name);
        } catch (RnnlabException notRunning) {
            return trainer.status(name);
        }
    }

    private String freeName() {
        for (int i = 1;; i++) {
            String candidate = "run" + i;
            if (trainer.runs().stream().noneMatch(r -> r.name().equals(candidate))) {
                return candidate;
            }
        }
    }

    private static long steps(String... options) {
        Map<String, String> values = KeyValues.parse(options);
        for (String key : values.keySet()) {
            if (!key.equals("steps")) {
                throw new RnnlabException("unknown option '" + key + "'; accepted: steps");
            }
        }
        String raw = values.getOrDefault("steps", "0");
        try {
            long steps = Long.parseLong(raw);
            if (steps < 0) {
                throw new NumberFormatException();
            }
            return steps;
        } catch (NumberFormatException e) {
            throw new RnnlabException("steps=" + raw + " is not accepted; expected an integer >= 0");
        }
    }

    // ---- a command given without its arguments answers with its usage, not Gogo's coercion error ----

    @Descriptor("usage: rnn:new NAME key=value ...")
    public String _new() {
        throw usage("rnn:new NAME key=value ...");
    }

    @Descriptor("usage: rnn:start NAME [steps=N]")
    public String start() {
        throw usage("rnn:start NAME [steps=N]");
    }

    @Descriptor("usage: rnn:pause NAME")
    public String pause() {
        throw usage("rnn:pause NAME");
    }

    @Descriptor("usage: rnn:resume NAME")
    public String resume() {
        throw usage("rnn:resume NAME");
    }

    @Descriptor("usage: rnn:stop NAME")
    public String stop() {
        throw usage("rnn:stop NAME");
    }

    @Descriptor("usage: rnn:set NAME key=value ...")
    public String set() {
        throw usage("rnn:set NAME key=value ...");
    }

    @Descriptor("usage: rnn:eval NAME [mode=free horizon=N starts=N]")
    public String eval() {
        throw usage("rnn:eval NAME [mode=free horizon=N starts=N]");
    }

    @Descriptor("usage: rnn:save NAME [FILE]")
    public String save() {
        throw usage("rnn:save NAME [FILE]");
    }

    @Descriptor("usage: rnn:load FILE [NAME]")
    public String load() {
        throw usage("rnn:load FILE [NAME]");
    }

    @Descriptor("usage: rnn:await NAME")
    public String await() {
        throw usage("rnn:await NAME");
    }

    @Descriptor("usage: rnn:remove NAME")
    public String remove() {
        throw usage("rnn:remove NAME");
    }

    @Descriptor("usage: rnn:gradients NAME [layer=L] [direction=0|1] [csv=FILE]")
    public String gradients() {
        throw usage("rnn:gradients NAME [layer=L] [direction=0|1] [csv=FILE]");
    }

    @Descriptor("usage: rnn:diagnostics NAME [csv=FILE]")
    public String diagnostics() {
        throw usage("rnn:diagnostics NAME [csv=FILE]");
    }

    @Descriptor("usage: rnn:memory NAME [delays=K]")
    public String memory() {
        throw usage("rnn:memory NAME [delays=K]");
    }

    @Descriptor("usage: rnn:history NAME [csv=FILE]")
    public String history() {
        throw usage("rnn:history NAME [csv=FILE]");
    }

    @Descriptor("usage: rnn:sample NAME [length=N] [temperature=T] [seed=S] [\"prime=TEXT\"]")
    public String sample() {
        throw usage("rnn:sample NAME [length=N] [temperature=T] [seed=S] [\"prime=TEXT\"]");
    }

    @Descriptor("usage: rnn:remedy NAME add REMEDY [key=value ...] | remove REMEDY | list")
    public String remedy() {
        throw usage("rnn:remedy NAME add REMEDY [key=value ...] | remove REMEDY | list");
    }

    // ---- too many arguments: the usage again ----

    @Descriptor("usage: rnn:pause NAME")
    public String pause(String a0, String a1, String... more) {
        throw usage("rnn:pause NAME");
    }

    @Descriptor("usage: rnn:resume NAME")
    public String resume(String a0, String a1, String... more) {
        throw usage("rnn:resume NAME");
    }

    @Descriptor("usage: rnn:stop NAME")
    public String stop(String a0, String a1, String... more) {
        throw usage("rnn:stop NAME");
    }

    @Descriptor("usage: rnn:await NAME")
    public String await(String a0, String a1, String... more) {
        throw usage("rnn:await NAME");
    }

    @Descriptor("usage: rnn:remove NAME")
    public String remove(String a0, String a1, String... more) {
        throw usage("rnn:remove NAME");
    }

    @Descriptor("usage: rnn:status [NAME]")
    public String status(String a0, String a1, String... more) {
        throw usage("rnn:status [NAME]");
    }

    @Descriptor("usage: rnn:components [KIND]")
    public String components(String a0, String a1, String... more) {
        throw usage("rnn:components [KIND]");
    }

    @Descriptor("usage: rnn:demo [vanishing|exploding|reservoir|truncation]")
    public String demo(String a0, String a1, String... more) {
        throw usage("rnn:demo [vanishing|exploding|reservoir|truncation]");
    }

    @Descriptor("usage: rnn:recover [NAME]")
    public String recover(String a0, String a1, String... more) {
        throw usage("rnn:recover [NAME]");
    }

    @Descriptor("usage: rnn:save NAME [FILE]")
    public String save(String a0, String a1, String a2, String... more) {
        throw usage("rnn:save NAME [FILE]");
    }

    @Descriptor("usage: rnn:load FILE [NAME]")
    public String load(String a0, String a1, String a2, String... more) {
        throw usage("rnn:load FILE [NAME]");
    }

    /**
     * The one line a command given without its arguments answers. Gogo's {@code help} finds a
     * command by its method's name, and rnn:new's method cannot be called new (a Java keyword),
     * so that one points at rnn:train, which takes the same keys.
     */
    private static RnnlabException usage(String usage) {
        String command = usage.substring(0, usage.indexOf(' '));
        return new RnnlabException("usage: " + usage + (command.equals("rnn:new")
                ? " (help rnn:train describes the keys)" : " (help " + command + " describes it)"));
    }
}
