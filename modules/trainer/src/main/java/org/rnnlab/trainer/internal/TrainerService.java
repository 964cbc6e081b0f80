package org.rnnlab.trainer.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.api.trainer.TrainingListener;

/**
 * The Trainer service. Components arrive and leave through dynamic references (whiteboard by
 * {@code rnnlab.name}); a run that loses one waits until a service of that name returns.
 * Runs train on threads of one pool owned by this component and stopped with it.
 */
@Component(service = Trainer.class)
public class TrainerService implements Trainer, RunObserver {
    /** Framework property naming the runtime's home, where {@code runs/} holds checkpoints. */
    public static final String HOME_PROPERTY = "rnnlab.home";
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final System.Logger LOG = System.getLogger(TrainerService.class.getName());

    private record Subscriber(TrainingListener listener, String run) {
    }

    private final Registry registry = new Registry();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final List<Subscriber> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "rnnlab-run-" + threadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private Path home = Path.of(".");

    @Activate
    void activate(BundleContext context) {
        String configured = context.getProperty(HOME_PROPERTY);
        home = Path.of(configured == null || configured.isBlank() ? "." : configured);
    }

    @Deactivate
    void deactivate() {
        runs.values().forEach(Run::stop);
        executor.shutdownNow();
        registry.compute.shutdownNow();
    }

    // ---- whiteboard: components by name -------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCell(CellType service, Map<String, Object> props) {
        added(registry.cells, service, props);
    }

    void removeCell(CellType service) {
        removed(registry.cells, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addInitializer(Initializer service, Map<String, Object> props) {
        added(registry.initializers, service, props);
    }

    void removeInitializer(Initializer service) {
        removed(registry.initializers, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addOptimizer(Optimizer service, Map<String, Object> props) {
        added(registry.optimizers, service, props);
    }

    void removeOptimizer(Optimizer service) {
        removed(registry.optimizers, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addRemedy(GradientRemedy service, Map<String, Object> props) {
        added(registry.remedies, service, props);
    }

    void removeRemedy(GradientRemedy service) {
        removed(registry.remedies, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addTask(Task service, Map<String, Object> props) {
        added(registry.tasks, service, props);
    }

    void removeTask(Task service) {
        removed(registry.tasks, service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addBackend(MatrixBackend service, Map<String, Object> props) {
        added(registry.backends, service, props);
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
        Optional<String> name = catalog.add(service, props);
        name.ifPresent(n -> runs.values().forEach(run -> run.appeared(catalog.kind() + ":" + n)));
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
        TrainingState state = TrainingState.create(RunSpec.parse(spec), registry);
        Run run = new Run(name, state, registry, this, executor);
        if (runs.putIfAbsent(name, run) != null) {
            throw new RnnlabException("a run named '" + name + "' exists already");
        }
        String facts = state.facts.isEmpty() ? "" : ": " + state.facts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        event(new RunEvent(name, RunEvent.Kind.CREATED, "created" + facts));
        return run.created("created" + facts);
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
        return run(name).betweenSteps(state -> state.sample(prime, length, temperature, seed));
    }

    @Override
    public Path save(String name, Path file) {
        Path target = file != null ? file : home.resolve("runs").resolve(name + Checkpoint.EXTENSION);
        return run(name).betweenSteps(state -> Checkpoint.write(state, target));
    }

    @Override
    public RunStatus load(Path file, String name) {
        Checkpoint checkpoint = Checkpoint.read(file);
        String runName = name != null ? name : checkpoint.defaultName(file);
        checkName(runName);
        if (runs.containsKey(runName)) {
            throw new RnnlabException("a run named '" + runName + "' exists already; load it under another name");
        }
        TrainingState state = TrainingState.create(RunSpec.parse(checkpoint.spec()), registry);
        checkpoint.restore(state);
        Run run = new Run(runName, state, registry, this, executor);
        if (runs.putIfAbsent(runName, run) != null) {
            throw new RnnlabException("a run named '" + runName + "' exists already");
        }
        event(new RunEvent(runName, RunEvent.Kind.CREATED, "loaded from " + file));
        return run.status();
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
                    call.accept(s.listener());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "training listener " + s.listener().getClass().getName()
                            + " failed: " + Composition.describe(e), e);
                }
            }
        }
    }
}
