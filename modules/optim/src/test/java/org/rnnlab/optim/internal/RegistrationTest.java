package org.rnnlab.optim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.testkit.DeclarativeComponents.Declaration;

/** Every optimizer registers under the Optimizer interface with its rnnlab.name and a description. */
class RegistrationTest {
    private static final Set<String> NAMES = Set.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
            "adamw", "amsgrad", "adamax", "nadam");

    @Test
    void exactlyTheIssuesOptimizersAreRegistered() {
        assertEquals(NAMES, Optimizers.COMPONENTS.names(Optimizer.class));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad", "adamax",
            "nadam" })
    void registersAsAnOptimizerWithADescriptionAndConfiguresWithDefaults(String name) {
        Declaration component = Optimizers.COMPONENTS.declaration(Optimizer.class, name)
                .orElseThrow(() -> new AssertionError(name + " is not registered"));
        assertEquals(List.of(Optimizer.class.getName()), component.services());
        assertFalse(component.description() == null || component.description().isBlank(), name + " has no description");
        assertNotNull(Optimizers.named(name).configure(Options.of(name, java.util.Map.of())));
    }
}
