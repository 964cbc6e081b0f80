package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.api.remedy.Truncation;
import org.rnnlab.api.task.TaskSession;

/**
 * The components a spec names, looked up by name and configured: every option is validated
 * here, before a run is created or changed, so bad input changes nothing. A component that
 * throws something other than a one-line {@link RnnlabException} is reported by name.
 */
final class Composition {
    /** A remedy of the run's list, with the name it was given. */
    record NamedRemedy(String name, Remedy remedy) {
    }

    final RunSpec spec;
    final TaskSession task;
    final List<Cell> cells;
    final UpdateRule rule;
    final List<NamedRemedy> remedies;
    final MatrixBackend backend;
    /** Threads beside the run's own for threads=N > 1 (both directions of a layer at once), or null. */
    final java.util.concurrent.ExecutorService pool;
    /** The backend's name; {@code backend=auto} resolved to the one present. */
    final String backendName;
    /** The window remedy's truncation, or null for full backpropagation through each sequence. */
    final Truncation truncation;

    private Composition(RunSpec spec, Registry registry) {
        this.spec = spec;
        this.backendName = backendName(spec.backend(), registry.backends);
        MatrixBackend chosen = registry.backends.get(backendName);
        this.backend = spec.threads() > 1 ? new ParallelGemm(chosen, registry.compute, spec.threads()) : chosen;
        this.pool = spec.threads() > 1 ? registry.compute : null;
        this.task = guarded("task", spec.task(), () -> registry.tasks.get(spec.task().name()).open(spec.task().options()));
        this.cells = makeCells(spec, registry.cells.get(spec.cell().name()), task.inputSize(), backend);
        this.rule = guarded("optimizer", spec.optimizer(),
                () -> registry.optimizers.get(spec.optimizer().name()).configure(spec.optimizer().options()));
        List<NamedRemedy> list = new ArrayList<>();
        Truncation window = null;
        for (ComponentRef ref : spec.remedies()) {
            Remedy remedy = guarded("remedy", ref, () -> registry.remedies.get(ref.name()).configure(ref.options()));
            if (remedy.hookPoint() == HookPoint.WINDOW) {
                if (window != null) {
                    throw new RnnlabException("remedies name two window remedies; a run truncates in one way only");
                }
                window = guarded("remedy", ref, remedy::truncation);
                if (window.k2() % window.k1() != 0) {
                    throw new RnnlabException(ref.name() + ": k2=" + window.k2() + " must be a multiple of k1=" + window.k1()
                            + " (windows restart from the states saved every k1 steps)");
                }
            }
            list.add(new NamedRemedy(ref.name(), remedy));
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

    static Composition of(RunSpec spec, Registry registry) {
        return new Composition(spec, registry);
    }

    /** The initializers of the spec's roles; needed only when a run is created. */
    static Map<ParameterRole, Initialization> initializers(RunSpec spec, Registry registry) {
        Map<ParameterRole, Initialization> init = new EnumMap<>(ParameterRole.class);
        spec.init().forEach((role, ref) -> init.put(role,
                guarded("initializer", ref, () -> registry.initializers.get(ref.name()).configure(ref.options()))));
        return init;
    }

    private static List<Cell> makeCells(RunSpec spec, CellType type, int inputSize, MatrixBackend backend) {
        int directions = spec.bidirectional() ? 2 : 1;
        List<Cell> cells = new ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            int in = l == 0 ? inputSize : directions * spec.hidden();
            for (int d = 0; d < directions; d++) {
                cells.add(guarded("cell", spec.cell(), () -> type.create(
                        new CellSpec(in, spec.hidden(), spec.cell().options(), backend))));
            }
        }
        return cells;
    }

    /** Runs a component's factory, turning a misbehaving component's exception into one line. */
    static <T> T guarded(String kind, ComponentRef ref, java.util.function.Supplier<T> factory) {
        try {
            T made = factory.get();
            if (made == null) {
                throw new RnnlabException(kind + " '" + ref.name() + "' returned nothing for " + ref);
            }
            return made;
        } catch (RnnlabException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new RnnlabException(kind + " '" + ref.name() + "' failed: " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
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
