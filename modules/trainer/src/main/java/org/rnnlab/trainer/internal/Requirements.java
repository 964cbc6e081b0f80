package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rnnlab.api.cell.CellType;

/**
 * The components a run spec names, and which of them are not registered yet. The trainer checks
 * them all before composing a run, so one message names every missing component (an embedding
 * application that creates a run before the bundles have started learns all it waits for), and
 * {@code awaitComponents} waits on the same list.
 */
final class Requirements {
    /** A missing component: how lists name it ({@code task 'adding'}) and what create says of it. */
    record Missing(String label, String message) {
    }

    private Requirements() {
    }

    /**
     * For each missing component, the message {@link Catalog#get} would give, in the order a run
     * is composed: task, backend, cell, optimizer, remedies, initializers (the cell's own defaults
     * included once the cell is there).
     */
    static List<Missing> missing(RunSpec spec, Registry registry) {
        Map<String, Missing> missing = new LinkedHashMap<>();
        check(registry.tasks, spec.task().name(), missing);
        if (spec.backend().equals("auto")) {
            if (Composition.FASTEST_FIRST.stream().noneMatch(registry.backends::has)) {
                missing.put("backend 'auto'", new Missing("backend 'auto'",
                        "backend=auto found no backend; accepted: " + registry.backends.acceptedNames()));
            }
        } else {
            check(registry.backends, spec.backend(), missing);
        }
        check(registry.cells, spec.cell().name(), missing);
        check(registry.optimizers, spec.optimizer().name(), missing);
        spec.remedies().forEach(r -> check(registry.remedies, r.name(), missing));
        spec.init().values().forEach(ref -> check(registry.initializers, ref.name(), missing));
        if (registry.cells.has(spec.cell().name())) {
            cellDefaults(spec, registry).values().forEach(ref -> check(registry.initializers, ref.name(), missing));
        }
        return new ArrayList<>(missing.values());
    }

    /** One line for create: each missing component as {@link Catalog#get} names it, joined by "; ". */
    static String message(List<Missing> missing) {
        return String.join("; ", missing.stream().map(Missing::message).toList());
    }

    /**
     * The initializers the spec's cell type names for its parameters, by parameter name, parsed;
     * a cell type that throws is named in a one-line error.
     */
    static Map<String, ComponentRef> cellDefaults(RunSpec spec, Registry registry) {
        String label = registry.cells.label(spec.cell().name());
        CellType type = registry.cells.get(spec.cell().name());
        Map<String, String> named = Composition.guarded(label, spec.cell(), type::defaultInitializers);
        Map<String, ComponentRef> parsed = new LinkedHashMap<>();
        named.forEach((parameter, text) -> parsed.put(parameter, ComponentRef.parse("initializer", text)));
        return parsed;
    }

    private static void check(Catalog<?> catalog, String name, Map<String, Missing> missing) {
        catalog.missing(name).ifPresent(message -> {
            String label = catalog.kind() + " '" + name + "'";
            missing.putIfAbsent(label, new Missing(label, message));
        });
    }
}
