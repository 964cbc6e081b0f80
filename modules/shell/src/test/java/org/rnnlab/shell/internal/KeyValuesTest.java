package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;

class KeyValuesTest {
    @Test
    void keepsOrderAndSplitsAtTheFirstEquals() {
        Map<String, String> values = KeyValues.parse("cell=lstm", "remedies=clip-norm:max=1,tbptt:k=20", "lr=");
        assertEquals(List.of("cell", "remedies", "lr"), List.copyOf(values.keySet()));
        assertEquals("clip-norm:max=1,tbptt:k=20", values.get("remedies"));
        assertEquals("", values.get("lr"));
    }

    @Test
    void malformedOrRepeatedArgumentsAreRefused() {
        assertEquals("malformed argument 'lstm'; expected key=value, e.g. cell=lstm",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("lstm")).getMessage());
        assertEquals("malformed argument '=3'; expected key=value, e.g. cell=lstm",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("=3")).getMessage());
        assertEquals("'lr' is given twice",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("lr=1", "lr=2")).getMessage());
    }
}
