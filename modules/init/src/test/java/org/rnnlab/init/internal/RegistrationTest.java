package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.testkit.DeclarativeComponents.Declaration;

/** Every initializer registers under the Initializer interface with its rnnlab.name and a description. */
class RegistrationTest {
    private static final Set<String> NAMES = Set.of("zero", "constant", "uniform", "normal", "xavier-uniform",
            "xavier-normal", "he-uniform", "he-normal", "lecun-normal", "orthogonal", "identity", "spectral",
            "forget-bias", "chrono");

    @Test
    void exactlyTheIssuesInitializersAreRegistered() {
        assertEquals(NAMES, Initializers.COMPONENTS.names(Initializer.class));
    }

    @ParameterizedTest
    @ValueSource(strings = { "zero", "constant", "uniform", "normal", "xavier-uniform", "xavier-normal", "he-uniform",
            "he-normal", "lecun-normal", "orthogonal", "identity", "spectral", "forget-bias", "chrono" })
    void registersAsAnInitializerWithADescription(String name) {
        Declaration component = Initializers.COMPONENTS.declaration(Initializer.class, name)
                .orElseThrow(() -> new AssertionError(name + " is not registered"));
        assertEquals(List.of(Initializer.class.getName()), component.services());
        assertFalse(component.description() == null || component.description().isBlank(), name + " has no description");
        assertNotNull(Initializers.named(name));
    }
}
