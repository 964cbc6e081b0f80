package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.backend.FloatGemm;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.api.remedy.Truncation;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.core.cell.Units;

/**
 * The components a spec names, looked up by name and configured: every option is validated
 * here, before a run is created or changed, so bad input changes nothing. A component that
 * throws something other than a one-line {@link RnnlabException} is reported by name.
 */
final class Composition {
    /** A remedy of the run's list, with the name it was given. */
    record NamedRemedy(String name, Remedy remedy, String label) {
    }

    final RunSpec spec;
    final TaskSession task;
    final List<Cell> cells;
    final UpdateRule rule;
    final List<NamedRemedy> remedies;
    final MatrixBackend backend;
    /** The run's threads for threads=N > 1 (the backend lends them: both directions of a layer at once), or null. */
    final org.rnnlab.api.backend.Shares threads;
    /** The backend's name; {@code backend=auto} resolved to the one present. */
    final String backendName;
    /** The window remedy's truncation, or null for full backpropagation through each sequence. */
    final Truncation truncation;
    /** How messages name the components: kind, rnnlab.name and bundle. */
    final String taskLabel;
    final String cellLabel;
    final String optimizerLabel;

    private Composition(RunSpec spec, Registry registry) {
        this.spec = spec;
        this.backendName = backendName(spec.backend(), registry.backends);
        MatrixBackend chosen = inPrecision(registry.backends.get(backendName), backendName, spec, registry.backends);
        ParallelGemm parallel = spec.threads() > 1 ? new ParallelGemm(chosen, registry.compute, spec.threads()) : null;
        this.backend = parallel != null ? parallel : chosen;
        this.threads = parallel;
        this.taskLabel = registry.tasks.label(spec.task().name());
        this.cellLabel = registry.cells.label(spec.cell().name());
        this.optimizerLabel = registry.optimizers.label(spec.optimizer().name());
        this.task = openTask(spec, registry, taskLabel);
        if (task.readout() == Readout.EVERY && spec.washout() >= task.length()) {
            throw new RnnlabException("washout=" + spec.washout() + " leaves no target in sequences of " + task.length()
                    + " steps; accepted: 0 to " + (task.length() - 1));
        }
        if (task.readout() == Readout.LAST && spec.washout() > 0) {
            throw new RnnlabException("washout=" + spec.washout() + " does nothing on task " + spec.task().name()
                    + ", whose one target is at the last step; washout applies to tasks with a target at every step");
        }
        if (spec.bidirectional() && task.readsAhead()) {
            throw new RnnlabException("bidirectional=true would read the answer: task " + spec.task().name()
                    + " predicts what comes next in its own input; use bidirectional=false");
        }
        String best = spec.autosave().best();
        if (!best.isEmpty() && !best.equals("loss") && !best.equals(task.metricName())) {
            throw new RnnlabException("checkpoint.best=" + best + " is not accepted; expected loss or " + task.metricName()
                    + " (the held-out value to keep the best checkpoint by)");
        }
        if (!best.isEmpty() && !spec.autosave().enabled()) {
            throw new RnnlabException("checkpoint.best=" + best + " needs checkpoint.every=STEPS or checkpoint.minutes=M "
                    + "(the best is looked for at each autosave)");
        }
        this.cells = makeCells(spec, registry.cells.get(spec.cell().name()), cellLabel, task.inputSize(), backend);
        this.rule = guarded(optimizerLabel, spec.optimizer(),
                () -> registry.optimizers.get(spec.optimizer().name()).configure(spec.optimizer().options()));
        List<NamedRemedy> list = new ArrayList<>();
        Truncation window = null;
        for (ComponentRef ref : spec.remedies()) {
            Remedy remedy = guarded(registry.remedies.label(ref.name()), ref, () -> registry.remedies.get(ref.name()).configure(ref.options()));
            if (remedy.hookPoint() == HookPoint.WINDOW) {
                if (window != null) {
                    throw new RnnlabException("remedies name two window remedies; a run truncates in one way only");
                }
                window = guarded(registry.remedies.label(ref.name()), ref, remedy::truncation);
                if (window.k2() % window.k1() != 0) {
                    throw new RnnlabException(ref.name() + ": k2=" + window.k2() + " must be a multiple of k1=" + window.k1()
                            + " (windows restart from the states saved every k1 steps)");
                }
            }
            list.add(new NamedRemedy(ref.name(), remedy, registry.remedies.label(ref.name())));
        }
        this.remedies = List.copyOf(list);
        this.truncation = window;
        if (spec.ridge() && window != null) {
            throw new RnnlabException("readout=ridge fits the head on whole sequences; it does not combine with a "
                    + "window remedy such as tbptt");
        }
    }

    /** The fastest backends first: {@code backend=auto} takes the first one present. */
    static final List<String> FASTEST_FIRST = List.of("native", "java-vector", "java");

    private static String backendName(String requested, Catalog<MatrixBackend> backends) {
        if (!requested.equals("auto")) {
            return requested;
        }
        return FASTEST_FIRST.stream().filter(backends::has).findFirst()
                .orElseThrow(() -> new RnnlabException("backend=auto found no backend; accepted: " + backends.acceptedNames()));
    }

    /**
     * For {@code precision=double} the backend, with the parameters it multiplies by step after step
     * laid out once per pass where it lays operands out ({@link PreparedWeights}; the others as they
     * are); for {@code single}, its float32 products.
     */
    private static MatrixBackend inPrecision(MatrixBackend backend, String name, RunSpec spec,
            Catalog<MatrixBackend> backends) {
        if (!spec.singlePrecision()) {
            return Units.laysOut(backend) ? new PreparedWeights(backend) : backend;
        }
        if (backend instanceof FloatGemm floats) {
            return new SinglePrecisionGemm(floats);
        }
        String offering = backends.namesOf(FloatGemm.class::isInstance);
        throw new RnnlabException("precision=single needs float32 products, which backend " + name + " does not have; "
                + (offering.isEmpty() ? "no backend here has them" : "backends with them: " + offering)
                + "; or use precision=double");
    }

    static Composition of(RunSpec spec, Registry registry) {
        return new Composition(spec, registry);
    }

    /**
     * How each parameter is initialized; needed only when a run is created. A role the spec names
     * ({@code init.recurrent=...}) wins; else the cell type's default for the parameter, by name;
     * else the run's default for the role. The head's parameters are not the cell's, so only the
     * spec and the run's defaults apply to them.
     */
    static Function<ParameterSpec, Initialization> initializers(RunSpec spec, Registry registry) {
        Map<ParameterRole, Initialization> byRole = new EnumMap<>(ParameterRole.class);
        spec.init().forEach((role, ref) -> byRole.put(role, configure(ref, registry)));
        Map<String, Initialization> byParameter = new HashMap<>();
        Requirements.cellDefaults(spec, registry).forEach((name, ref) -> byParameter.put(name, configure(ref, registry)));
        return parameter -> {
            ParameterRole role = parameter.role();
            boolean cellParameter = role != ParameterRole.OUTPUT_WEIGHTS && role != ParameterRole.OUTPUT_BIAS;
            boolean roleNamed = spec.raw().containsKey("init." + role.key());
            Initialization cellDefault = cellParameter && !roleNamed ? byParameter.get(parameter.name()) : null;
            return cellDefault != null ? cellDefault : byRole.get(role);
        };
    }

    private static Initialization configure(ComponentRef ref, Registry registry) {
        return guarded(registry.initializers.label(ref.name()), ref,
                () -> registry.initializers.get(ref.name()).configure(ref.options()));
    }

    private static List<Cell> makeCells(RunSpec spec, CellType type, String label, int inputSize, MatrixBackend backend) {
        int directions = spec.bidirectional() ? 2 : 1;
        List<Cell> cells = new ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            int in = l == 0 ? inputSize : directions * spec.hidden();
            for (int d = 0; d < directions; d++) {
                cells.add(guarded(label, spec.cell(), () -> type.create(
                        new CellSpec(in, spec.hidden(), spec.cell().options(), backend))));
            }
        }
        return cells;
    }

    /**
     * Opens the task. A key given without a prefix that is no run key goes to the task as one of
     * its options; when the task does not know it either, the line says both, so a typo such as
     * {@code hiden=32} is not answered with the task's options alone.
     */
    private static TaskSession openTask(RunSpec spec, Registry registry, String label) {
        try {
            return guarded(label, spec.task(), () -> registry.tasks.get(spec.task().name()).open(spec.task().options()));
        } catch (RnnlabException e) {
            String message = String.valueOf(e.getMessage());
            for (String key : spec.raw().keySet()) {
                String unknown = "unknown option '" + key + "' for " + spec.task().name() + "; accepted: ";
                if (RunSpec.goesToTheTask(key) && message.startsWith(unknown)) {
                    throw new RnnlabException("unknown key '" + key + "': no run key (help rnn:train lists them) and no "
                            + "option of task " + spec.task().name() + " (its options: "
                            + message.substring(unknown.length()) + ")");
                }
            }
            throw e;
        }
    }

    /** Runs a component's factory, turning a misbehaving component's exception into one line. */
    static <T> T guarded(String label, ComponentRef ref, java.util.function.Supplier<T> factory) {
        T made = new Blame().call(label, factory);
        if (made == null) {
            throw new RnnlabException(label + " returned nothing for " + ref);
        }
        return made;
    }

    /** The rollback points a remedy of the list asks for (the first that asks), or null. */
    org.rnnlab.api.remedy.Rollback rollback() {
        for (NamedRemedy r : remedies) {
            org.rnnlab.api.remedy.Rollback wanted = r.remedy().rollback();
            if (wanted != null) {
                return wanted;
            }
        }
        return null;
    }

    /**
     * The services a training step depends on, as {@code kind:name}, for service-loss tracking
     * (initializers are used only at creation, so their loss does not pause a run).
     */
    Set<String> uses() {
        Set<String> uses = new LinkedHashSet<>();
        uses.add("task:" + spec.task().name());
        uses.add("cell:" + spec.cell().name());
        uses.add("optimizer:" + spec.optimizer().name());
        uses.add("backend:" + backendName);
        spec.remedies().forEach(r -> uses.add("remedy:" + r.name()));
        return uses;
    }
}
