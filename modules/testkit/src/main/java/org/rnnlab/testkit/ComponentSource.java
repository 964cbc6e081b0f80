package org.rnnlab.testkit;

import java.util.Optional;

/**
 * Where the checks find components by their {@code rnnlab.name}: a third party passes its own
 * (e.g. {@code (type, name) -> name.equals("mycell") ? Optional.of(new MyCellType()) : Optional.empty()}),
 * the command-line checker reads the Declarative Services descriptors on its class path.
 */
@FunctionalInterface
public interface ComponentSource {
    <T> Optional<T> find(Class<T> type, String name);
}
