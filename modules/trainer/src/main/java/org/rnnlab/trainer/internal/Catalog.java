package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.rnnlab.api.Components;
import org.rnnlab.api.RnnlabException;

/**
 * The services of one kind (cells, optimizers, ...) by {@code rnnlab.name}, fed by the
 * trainer's dynamic DS references (whiteboard). Among services sharing a name the highest
 * {@code service.ranking} wins, then the lowest {@code service.id}, as OSGi orders services.
 * Thread-safe.
 */
final class Catalog<T> {
    private record Entry<T>(String name, T service, int ranking, long id, String origin) {
    }

    private static final Comparator<Entry<?>> BEST_FIRST = Comparator.<Entry<?>>comparingInt(e -> -e.ranking())
            .thenComparingLong(Entry::id);

    private final String kind;
    private final List<Entry<T>> entries = new ArrayList<>();

    Catalog(String kind) {
        this.kind = kind;
    }

    String kind() {
        return kind;
    }

    /** Adds a service; returns its name, or empty when it has none (it is then ignored). */
    synchronized Optional<String> add(T service, Map<String, ?> properties) {
        return add(service, properties, "");
    }

    /**
     * Adds a service from a bundle ({@code origin}: its symbolic name and version, for messages);
     * returns its name, or empty when it has none (it is then ignored).
     */
    synchronized Optional<String> add(T service, Map<String, ?> properties, String origin) {
        Object name = properties.get(Components.NAME);
        if (!(name instanceof String) || ((String) name).isBlank()) {
            return Optional.empty();
        }
        Object ranking = properties.get("service.ranking");
        Object id = properties.get("service.id");
        entries.add(new Entry<>((String) name, service, ranking instanceof Integer ? (Integer) ranking : 0,
                id instanceof Long ? (Long) id : 0L, origin));
        entries.sort(BEST_FIRST);
        return Optional.of((String) name);
    }

    /** Removes a service; returns its name if it had one. */
    synchronized Optional<String> remove(T service) {
        for (Entry<T> entry : entries) {
            if (entry.service() == service) {
                entries.remove(entry);
                return Optional.of(entry.name());
            }
        }
        return Optional.empty();
    }

    synchronized boolean has(String name) {
        return entries.stream().anyMatch(e -> e.name().equals(name));
    }

    /** The best service with this name, or a one-line error naming the accepted names. */
    synchronized T get(String name) {
        for (Entry<T> entry : entries) {
            if (entry.name().equals(name)) {
                return entry.service();
            }
        }
        throw new RnnlabException(unknown(name));
    }

    /**
     * What {@link #get} would say of this name, or empty when a service has it: one look at the
     * catalog, so a service arriving meanwhile is not named both missing and accepted.
     */
    synchronized Optional<String> missing(String name) {
        return has(name) ? Optional.empty() : Optional.of(unknown(name));
    }

    private String unknown(String name) {
        return "unknown " + kind + " '" + name + "'; accepted: " + acceptedNames();
    }

    /** How messages name the service of this name: {@code cell 'lstm' (org.rnnlab.cell-lstm 0.1.0)}. */
    synchronized String label(String name) {
        for (Entry<T> entry : entries) {
            if (entry.name().equals(name)) {
                return kind + " '" + name + "'" + (entry.origin().isEmpty() ? "" : " (" + entry.origin() + ")");
            }
        }
        return kind + " '" + name + "'";
    }

    synchronized String acceptedNames() {
        String names = namesOf(service -> true);
        return names.isEmpty() ? "none installed" : names;
    }

    /** The names of the services that pass {@code test}, sorted and comma-separated ("" for none). */
    synchronized String namesOf(java.util.function.Predicate<T> test) {
        TreeSet<String> names = new TreeSet<>();
        entries.stream().filter(e -> test.test(e.service())).forEach(e -> names.add(e.name()));
        return String.join(", ", names);
    }
}
