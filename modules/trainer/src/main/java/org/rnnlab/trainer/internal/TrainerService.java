package org.rnnlab.trainer.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.FreeRun;
import org.rnnlab.api.trainer.MemoryCapacity;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.api.trainer.TrainingListener;

/**
 * The Trainer service. Components arrive and leave through dynamic references (whiteboard by
 * {@code rnnlab.name}); a run that loses one waits until a service of that name returns.
 * Runs train on threads of one pool owned by this component. Configuration (PID
 * {@value #PID}, {@link TrainerConfig}) is applied by {@code @Modified}, so a changed
 * configuration never re-activates the component and never touches a run. It is immediate: a
 * delayed component would be deactivated, with its runs, whenever its last user let go. When it
 * does stop (bundle stop, framework shutdown), every live run is written to its autosave
 * folder first, and {@code rnn:recover} continues it.
 */
@Component(service = Trainer.class, configurationPid = TrainerService.PID, immediate = true)
@Designate(ocd = TrainerConfig.class)
public class TrainerService implements Trainer, RunObserver {
    /** Framework property naming the runtime's home, where {@code runs/} holds checkpoints. */
    public static final String HOME_PROPERTY = "rnnlab.home";
    /** The configuration PID of the trainer (README, "Configuration"). */
    public static final String PID = "org.rnnlab.trainer";
    /** Trainer defaults whose built-in values a configuration may change, by run key. */
    private static final List<String> CONFIGURABLE = List.of("checkpoint.every", "checkpoint.minutes",
            "checkpoint.keep", "threads", "report", "eval");
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final System.Logger LOG = System.getLogger(TrainerService.class.getName());

    private record Subscriber(TrainingListener listener, String run) {
    }

    private final Registry registry = new Registry();
    /** Notified whenever a component arrives, for {@link #awaitComponents}. */
    private final Object arrivals = new Object();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final List<Subscriber> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "rnnlab-run-" + threadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final CheckpointStore store = new CheckpointStore(Path.of("."));
    private final Autosave autosave = new Autosave(store);
    /** Spec defaults from the configuration, for runs created from now on. */
    private volatile Map<String, String> defaults = Map.of();
    private String frameworkHome;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        frameworkHome = context.getProperty(HOME_PROPERTY);
        store.home(Path.of(frameworkHome == null || frameworkHome.isBlank() ? "." : frameworkHome));
        configure(properties);
        openHome();
    }

    /** Removes what interrupted saves left under runs/ and says which runs can be recovered. */
    void openHome() {
        int removed = store.removeTemporaries();
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "removed " + removed + " temporary file(s) of interrupted saves under "
                    + store.home().resolve(CheckpointStore.RUNS));
        }
        List<String> recoverable = store.recoverable();
        if (!recoverable.isEmpty()) {
            Notice.say("runs/ holds autosaved checkpoints of " + recoverable.size() + " run(s): "
                    + String.join(", ", recoverable) + "; rnn:recover [NAME] continues them");
        }
    }

    /**
     * A changed configuration: new defaults for new runs; every existing run stays as it is. The
     * properties are read as they come (a .cfg gives strings) and checked here rather than
     * coerced by SCR, which would fail the component's activation on a value such as
     * {@code eval=abc}: a configuration that is not a number where one is due, out of range, or
     * names a home that cannot be written, or another home while runs are open (their autosaves
     * would move away from them), is refused as a whole with one line in the log, and everything
     * stays as it was.
     */
    @Modified
    void configure(Map<String, Object> properties) {
        Map<String, String> changed = new LinkedHashMap<>();
        for (String key : CONFIGURABLE) {
            Object value = properties.get(key);
            if (value != null && !sameNumber(RunSpec.DEFAULTS.get(key), text(value).strip())) {
                changed.put(key, text(value).strip());
            }
        }
        Object configuredHome = properties.get("home");
        String home = configuredHome == null || text(configuredHome).isBlank() ? frameworkHome
                : text(configuredHome).strip();
        Path next;
        try {
            RunSpec.parse(changed);
            next = Path.of(home == null || home.isBlank() ? "." : home);
            requireUsableHome(next);
        } catch (RnnlabException | java.nio.file.InvalidPathException e) {
            String why = e.getMessage().startsWith("run: ") ? e.getMessage().substring(5) : e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "configuration " + PID + " refused: " + why
                    + "; the trainer's settings stay as they were");
            return;
        }
        defaults = Map.copyOf(changed);
        store.home(next);
    }

    /** A property as written: a typed .config may give a list, which is then refused as it reads. */
    private static String text(Object value) {
        return value instanceof Object[] list ? java.util.Arrays.toString(list)
                : value.getClass().isArray() ? "a list" : String.valueOf(value);
    }

    /** When the home moves: one rnnlab can write runs/ into, and no run open under the old one. */
    private void requireUsableHome(Path next) {
        boolean moves = !next.toAbsolutePath().normalize().equals(store.home().toAbsolutePath().normalize());
        if (!moves) {
            return;
        }
        if (!runs.isEmpty()) {
            throw new RnnlabException("home " + next + " would move the autosaves of the open runs ("
                    + String.join(", ", new java.util.TreeSet<>(runs.keySet())) + ") away from them; it stays "
                    + store.home() + " until they are removed");
        }
        // Made only when a run is saved: checked here as its nearest existing folder.
        Path existing = next.resolve(CheckpointStore.RUNS).toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !canWriteIn(existing)) {
            throw new RnnlabException("home " + next + " cannot hold runs/: "
                    + (existing == null ? "no folder of it exists" : existing + " is not a folder rnnlab can write"));
        }
    }

    /** By writing a file and removing it: permissions alone do not tell (root, /proc, read-only mounts). */
    private static boolean canWriteIn(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, ".rnnlab-probe-", ".tmp"));
            return true;
        } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Where runs/ is (for tests). */
    Path home() {
        return store.home();
    }

    /** The defaults a new run gets beyond the built-in ones (for tests and rnn:status). */
    Map<String, String> configuredDefaults() {
        return defaults;
    }

    /** Writes every live run to its autosave folder, then ends the training threads. */
    @Deactivate
    void deactivate() {
        for (Run run : runs.values()) {
            try {
                Path file = run.saveForShutdown();
                if (file != null) {
                    Notice.say("saved run " + run.name + " to " + store.display(file)
                            + " as the runtime stopped; rnn:recover " + run.name + " continues it");
                }
            } catch (RnnlabException e) {
                LOG.log(System.Logger.Level.ERROR, "could not save run " + run.name + " at shutdown: " + e.getMessage());
            }
        }
        runs.values().forEach(Run::stop);
        autosave.close(30_000);
        executor.shutdownNow();
        registry.compute.shutdownNow();
    }

    // ---- whiteboard: components by name -------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCell(CellType service, ServiceReference<CellType> ref, Map<String, Object> props) {
        added(registry.cells, service, props, ref);
    }

    void removeCell(CellType service) {
        removed(registry.cells, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addInitializer(Initializer service, ServiceReference<Initializer> ref, Map<String, Object> props) {
        added(registry.initializers, service, props, ref);
    }

    void removeInitializer(Initializer service) {
        removed(registry.initializers, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addOptimizer(Optimizer service, ServiceReference<Optimizer> ref, Map<String, Object> props) {
        added(registry.optimizers, service, props, ref);
    }

    void removeOptimizer(Optimizer service) {
        removed(registry.optimizers, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addRemedy(GradientRemedy service, ServiceReference<GradientRemedy> ref, Map<String, Object> props) {
        added(registry.remedies, service, props, ref);
    }

    void removeRemedy(GradientRemedy service) {
        removed(registry.remedies, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addTask(Task service, ServiceReference<Task> ref, Map<String, Object> props) {
        added(registry.tasks, service, props, ref);
    }

    void removeTask(Task service) {
        removed(registry.tasks, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addBackend(MatrixBackend service, ServiceReference<MatrixBackend> ref, Map<String, Object> props) {
        added(registry.backends, service, props, ref);
    }

    void removeBackend(MatrixBackend service) {
        removed(registry.backends, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addListener(TrainingListener listener, Map<String, Object> props) {
        Object run = props.get(TrainingListener.RUN);
        listeners.add(new Subscriber(listener, run instanceof String ? (String) run : null));
    }

    void removeListener(TrainingListener listener) {
        listeners.removeIf(s -> s.listener() == listener);
    }

    <T> void added(Catalog<T> catalog, T service, Map<String, ?> props) {
        added(catalog, service, props, null);
    }

    private <T> void added(Catalog<T> catalog, T service, Map<String, ?> props, ServiceReference<?> ref) {
        Bundle bundle = ref == null ? null : ref.getBundle();
        String origin = bundle == null ? "" : bundle.getSymbolicName() + " " + bundle.getVersion();
        Optional<String> name = catalog.add(service, props, origin);
        name.ifPresent(n -> runs.values().forEach(run -> run.appeared(catalog.kind() + ":" + n)));
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    <T> void removed(Catalog<T> catalog, T service) {
        Optional<String> name = catalog.remove(service);
        name.filter(n -> !catalog.has(n))
                .ifPresent(n -> runs.values().forEach(run -> run.lost(catalog.kind() + ":" + n)));
    }

    /** The catalogs, for tests in this package. */
    Registry registry() {
        return registry;
    }

    // ---- Trainer --------------------------------------------------------------------------

    @Override
    public RunStatus create(String name, Map<String, String> spec) {
        checkName(name);
        if (runs.containsKey(name)) {
            throw new RnnlabException("a run named '" + name + "' exists already; pick another name or rnn:remove it");
        }
        RunSpec parsed = withDefaults(spec);
        List<Requirements.Missing> missing = Requirements.missing(parsed, registry);
        if (!missing.isEmpty()) {
            throw new RnnlabException(Requirements.message(missing));
        }
        TrainingState state = TrainingState.create(parsed, registry);
        Run run = new Run(name, state, registry, this, executor, autosave);
        if (runs.putIfAbsent(name, run) != null) {
            throw new RnnlabException("a run named '" + name + "' exists already");
        }
        String facts = state.facts.isEmpty() ? "" : ": " + state.facts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        event(new RunEvent(name, RunEvent.Kind.CREATED, "created" + facts));
        return run.created("created" + facts);
    }

    /** A run spec with the configured defaults under it. */
    private RunSpec withDefaults(Map<String, String> spec) {
        Map<String, String> withDefaults = new LinkedHashMap<>(defaults);
        withDefaults.putAll(spec);
        return RunSpec.parse(withDefaults);
    }

    @Override
    public List<String> awaitComponents(Map<String, String> spec, Duration timeout) throws InterruptedException {
        RunSpec parsed = withDefaults(spec);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            List<Requirements.Missing> missing = Requirements.missing(parsed, registry);
            for (long left = deadline - System.nanoTime(); !missing.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(arrivals, left);
                missing = Requirements.missing(parsed, registry);
            }
            return missing.stream().map(Requirements.Missing::label).toList();
        }
    }

    @Override
    public RunStatus start(String name, long steps) {
        if (steps < 0) {
            throw new RnnlabException("steps=" + steps + " is not accepted; expected an integer >= 0");
        }
        return run(name).start(steps);
    }

    @Override
    public RunStatus pause(String name) {
        return run(name).pause();
    }

    @Override
    public RunStatus resume(String name) {
        return run(name).resume();
    }

    @Override
    public RunStatus stop(String name) {
        return run(name).stop();
    }

    @Override
    public void remove(String name) {
        run(name).stop();
        runs.remove(name);
        event(new RunEvent(name, RunEvent.Kind.REMOVED, "removed"));
    }

    @Override
    public RunStatus set(String name, Map<String, String> changes) {
        return run(name).set(changes);
    }

    @Override
    public RunStatus status(String name) {
        return run(name).status();
    }

    @Override
    public List<RunStatus> runs() {
        List<RunStatus> all = new ArrayList<>();
        runs.values().forEach(r -> all.add(r.status()));
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }

    @Override
    public RunStatus await(String name, Duration timeout) throws InterruptedException {
        return run(name).await(timeout);
    }

    @Override
    public Evaluation evaluate(String name) {
        return run(name).evaluate();
    }

    @Override
    public String sample(String name, String prime, int length, double temperature, long seed) {
        return run(name).betweenSteps(state -> state.blame.call(state.composition.cellLabel,
                () -> Sampler.sample(state.network, state.composition.task, state.spec.task().name(), prime, length,
                        temperature, seed)));
    }

    @Override
    public Path autosave(String name) {
        Run run = run(name);
        Snapshot snapshot = run.snapshot();
        Path written = autosave.writeNow(name, snapshot, 0);
        run.saved(snapshot.step());
        return written;
    }

    @Override
    public Path save(String name, Path file) {
        Run run = run(name);
        Snapshot snapshot = run.snapshot();
        Path written = store.write(snapshot, file != null ? file : store.defaultFile(name));
        run.saved(snapshot.step());
        return written;
    }

    @Override
    public RunStatus load(Path file, String name) {
        Snapshot snapshot = store.read(file).requireFinite(file);
        String base = file.getFileName() == null ? "" : file.getFileName().toString();
        String runName = name != null ? name
                : base.endsWith(Checkpoint.EXTENSION) ? base.substring(0, base.length() - Checkpoint.EXTENSION.length()) : base;
        return install(runName, snapshot, "loaded from " + file);
    }

    private RunStatus install(String runName, Snapshot snapshot, String why) {
        checkName(runName);
        if (runs.containsKey(runName)) {
            throw new RnnlabException("a run named '" + runName + "' exists already; load it under another name");
        }
        TrainingState state = TrainingState.create(RunSpec.parse(snapshot.spec()), registry);
        state.restore(snapshot, why.substring(why.lastIndexOf(' ') + 1));
        Run run = new Run(runName, state, registry, this, executor, autosave);
        if (runs.putIfAbsent(runName, run) != null) {
            throw new RnnlabException("a run named '" + runName + "' exists already");
        }
        event(new RunEvent(runName, RunEvent.Kind.CREATED, why));
        long target = state.interruptedTarget; // as restore read it: set only while it lies ahead
        return run.created(why + " at step " + snapshot.step() + (target == 0 ? ""
                : ", on its way to step " + target + ": rnn:start or rnn:resume goes on to it"));
    }

    @Override
    public FreeRun runFreely(String name, int horizon, int starts) {
        return run(name).betweenSteps(state -> FreeRunner.run(state, name, horizon, starts));
    }

    @Override
    public MemoryCapacity memoryCapacity(String name, int delays) {
        return run(name).betweenSteps(state -> MemoryProbe.measure(state, name, delays));
    }

    @Override
    public List<Evaluation> history(String name) {
        return run(name).betweenSteps(state -> state.history.stream().map(e -> new Evaluation(name, e.step(), e.loss(),
                e.metric(), e.metricName(), e.baseline(), e.sequences())).toList());
    }

    @Override
    public List<StepReport> reports(String name) {
        return run(name).reports();
    }

    /** Waits until queued autosaves are written (for tests). */
    void flushAutosaves() {
        autosave.flush(60_000);
    }

    /** A run's autosaved checkpoints, newest first (for tests). */
    List<Path> autosaveFiles(String run) {
        return store.autosaves(run);
    }

    @Override
    public List<String> recoverable() {
        List<String> names = new ArrayList<>(store.recoverable());
        names.removeAll(runs.keySet());
        return names;
    }

    @Override
    public List<RunStatus> recover(String name) {
        List<String> names = name != null ? List.of(name) : recoverable();
        if (name != null) {
            checkName(name);
            if (store.autosaves(name).isEmpty()) {
                throw new RnnlabException("no autosaved checkpoint of run '" + name + "' under "
                        + store.autosaveFolder(name) + "; recoverable: "
                        + (recoverable().isEmpty() ? "none" : String.join(", ", recoverable())));
            }
        } else if (names.isEmpty()) {
            throw new RnnlabException("nothing to recover: no autosaved checkpoints under " + store.home().resolve(CheckpointStore.RUNS)
                    + " of runs not loaded now");
        }
        List<RunStatus> recovered = new ArrayList<>();
        for (String run : names) {
            recovered.add(recoverNewest(run));
        }
        return recovered;
    }

    /** The newest autosave that reads and loads; an unreadable newer one is skipped, and said so. */
    private RunStatus recoverNewest(String name) {
        List<String> skipped = new ArrayList<>();
        for (Path file : store.autosaveEntries(name)) {
            try {
                Snapshot snapshot = CheckpointStore.read(file, store.display(file)).requireFinite(store.display(file));
                return install(name, snapshot, "recovered from " + store.display(file)
                        + (skipped.isEmpty() ? "" : " (skipped: " + String.join("; ", skipped) + ")"));
            } catch (RnnlabException e) {
                if (runs.containsKey(name)) {
                    throw e;
                }
                skipped.add(e.getMessage());
            }
        }
        throw new RnnlabException("run '" + name + "' could not be recovered: " + String.join("; ", skipped));
    }

    Run run(String name) {
        Run run = runs.get(name);
        if (run == null) {
            throw new RnnlabException("no run named '" + name + "'; runs: "
                    + (runs.isEmpty() ? "none (create one with rnn:new)" : String.join(", ", new java.util.TreeSet<>(runs.keySet()))));
        }
        return run;
    }

    private static void checkName(String name) {
        if (name == null || !RUN_NAME.matcher(name).matches()) {
            throw new RnnlabException("run name '" + name + "' is not accepted; expected letters, digits, '.', '_' or '-' (up to 64)");
        }
    }

    // ---- RunObserver: fan out to the listeners ----------------------------------------------

    @Override
    public void step(StepReport report) {
        deliver(report.run(), l -> l.step(report));
    }

    @Override
    public void event(RunEvent event) {
        deliver(event.run(), l -> l.event(event));
    }

    private void deliver(String run, Consumer<TrainingListener> call) {
        for (Subscriber s : listeners) {
            if (s.run() == null || s.run().equals(run)) {
                try {
                    new Blame().run("training listener " + s.listener().getClass().getName(), () -> call.accept(s.listener()));
                } catch (RnnlabException e) {
                    // a listener's failure is its own: the run it listens to trains on
                    LOG.log(System.Logger.Level.WARNING, e.getMessage(), e.getCause() != null ? e.getCause() : e);
                }
            }
        }
    }
}
