package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Parameter;

/**
 * Changes to a live run ({@code rnn:set}): validated and composed completely first, so a bad
 * change leaves the run as it was. The parameters stay; optimizer slots of the same name and
 * kind carry over (the table in modules/optim's package-info); the spec records the change, so
 * a checkpoint holds the run's whole history of changes in its effect.
 */
final class LiveChange {
    private LiveChange() {
    }

    /** Applies {@code changes}; returns them as typed, for the run's message. */
    static String apply(TrainingState state, Map<String, String> changes, Registry registry) {
        if (changes.isEmpty()) {
            throw new RnnlabException("nothing to change; give key=value pairs, e.g. lr=0.001 optimizer=sgd");
        }
        for (String key : changes.keySet()) {
            if (key.equals("seed") || key.startsWith("init.")) {
                throw new RnnlabException(key + " only applies when a run is created; start a new run to change it");
            }
        }
        Map<String, String> dropped = leftByTheOldOptimizer(state.spec, changes, registry);
        Map<String, String> applied = new java.util.LinkedHashMap<>(changes);
        dropped.keySet().forEach(key -> applied.put(key, ""));
        RunSpec next = state.spec.with(applied);
        Composition composed = Composition.of(next, registry);
        requireSameModel(state, next, composed);
        adopt(state, next, composed);
        String typed = changes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return dropped.isEmpty() ? typed : typed + " (dropped " + dropped.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")) + ": "
                + next.optimizer().name() + " does not take " + (dropped.size() == 1 ? "it" : "them") + ")";
    }

    /**
     * When a change switches the optimizer, the old one's hyperparameters that the new one does not
     * read and that the change does not give again ({@code momentum} when sgd becomes adam): they
     * belonged to the optimizer being replaced, so they go with it, and the message says so. What
     * the new optimizer reads is what its configuration reads ({@code Options.describing}).
     */
    private static Map<String, String> leftByTheOldOptimizer(RunSpec spec, Map<String, String> changes,
            Registry registry) {
        String requested = changes.get("optimizer");
        if (requested == null || requested.isEmpty()) {
            return Map.of();
        }
        String name = ComponentRef.parse("optimizer", requested).name();
        if (name.equals(spec.optimizer().name()) || !registry.optimizers.has(name)) {
            return Map.of(); // the same optimizer, or an unknown one that the composition refuses by name
        }
        org.rnnlab.api.Options read = org.rnnlab.api.Options.describing(name);
        try {
            registry.optimizers.get(name).configure(read);
        } catch (RuntimeException e) {
            return Map.of(); // it needs more to say what it reads; the composition reports it
        }
        java.util.Set<String> accepted = read.described().stream().map(org.rnnlab.api.Options.Described::key)
                .collect(Collectors.toSet());
        Map<String, String> dropped = new java.util.LinkedHashMap<>();
        spec.raw().forEach((key, value) -> {
            boolean optimizers = RunSpec.OPTIMIZER_KEYS.contains(key) && !RunSpec.SCHEDULE_KEYS.contains(key);
            if (optimizers && !changes.containsKey(key) && !accepted.contains(key)) {
                dropped.put(key, value);
            }
        });
        return dropped;
    }

    /** Composes the current spec again from the services present now (one returned after a loss). */
    static void recompose(TrainingState state, Registry registry) {
        adopt(state, state.spec, Composition.of(state.spec, registry));
    }

    private static void requireSameModel(TrainingState state, RunSpec next, Composition composed) {
        Network network = state.network;
        List<String> now = layout(network.units.length * network.directions, i ->
                network.units[i / network.directions][i % network.directions].cell);
        List<String> then = layout(composed.cells.size(), composed.cells::get);
        if (!now.equals(then) || next.bidirectional() != state.spec.bidirectional()) {
            throw new RnnlabException("that change would replace the model's parameters (" + String.join(", ", then)
                    + " instead of " + String.join(", ", now) + "); a live run keeps its parameters: create a new run");
        }
        TaskSession task = composed.task;
        if (task.inputSize() != network.inputSize || task.outputSize() != network.outputSize) {
            throw new RnnlabException("task " + next.task().name() + " needs " + task.inputSize() + " inputs and "
                    + task.outputSize() + " outputs, the model has " + network.inputSize + " and " + network.outputSize);
        }
    }

    private static List<String> layout(int count, java.util.function.IntFunction<Cell> cells) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (ParameterSpec p : cells.apply(i).parameters()) {
                out.add(p.name() + " " + p.rows() + "x" + p.cols());
            }
        }
        return out;
    }

    private static void adopt(TrainingState state, RunSpec next, Composition composed) {
        List<SlotSpec> had = state.composition.rule.slots();
        List<Parameter> params = state.network.parameters();
        DMatrixRMaj[][] slots = state.slots;
        if (!Objects.equals(had, composed.rule.slots())) {
            slots = new DMatrixRMaj[params.size()][];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = newSlots(params.get(i).spec(), composed.rule.slots(), had, state.slots[i]);
            }
        }
        state.adopt(next, composed, slots);
    }

    /** Slots for a parameter; those the previous rule also had (same name and kind) carry over. */
    static DMatrixRMaj[] newSlots(ParameterSpec param, List<SlotSpec> wanted, List<SlotSpec> had, DMatrixRMaj[] old) {
        DMatrixRMaj[] out = new DMatrixRMaj[wanted.size()];
        for (int s = 0; s < out.length; s++) {
            int previous = had == null ? -1 : had.indexOf(wanted.get(s));
            out[s] = previous >= 0 ? old[previous]
                    : wanted.get(s).scalar() ? new DMatrixRMaj(1, 1) : new DMatrixRMaj(param.rows(), param.cols());
        }
        return out;
    }
}
