package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;

/** Configuring remedies from key=value pairs, and the one-line error check every option test uses. */
final class RemedyFixtures {
    private RemedyFixtures() {
    }

    static Options options(String owner, String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return Options.of(owner, values);
    }

    static Remedy configure(GradientRemedy factory, String owner, String... keyValues) {
        return factory.configure(options(owner, keyValues));
    }

    /** Configuring fails with a one-line {@link RnnlabException} whose message contains {@code expected}. */
    static void assertRejected(String expected, GradientRemedy factory, String owner, String... keyValues) {
        RnnlabException e = assertThrows(RnnlabException.class, () -> configure(factory, owner, keyValues));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' does not contain '" + expected + "'");
    }
}
