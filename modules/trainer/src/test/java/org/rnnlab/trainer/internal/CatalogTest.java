package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.Components;
import org.rnnlab.api.RnnlabException;

class CatalogTest {
    private final Catalog<Object> catalog = new Catalog<>("cell");

    @Test
    void highestRankingWinsThenLowestServiceId() {
        Object first = new Object();
        Object ranked = new Object();
        Object later = new Object();
        catalog.add(first, Map.of(Components.NAME, "lstm", "service.id", 5L));
        catalog.add(later, Map.of(Components.NAME, "lstm", "service.id", 9L));
        assertSame(first, catalog.get("lstm"));
        catalog.add(ranked, Map.of(Components.NAME, "lstm", "service.id", 12L, "service.ranking", 10));
        assertSame(ranked, catalog.get("lstm"));
        assertEquals(Optional.of("lstm"), catalog.remove(ranked));
        assertSame(first, catalog.get("lstm"));
    }

    @Test
    void unknownNameListsTheAcceptedOnes() {
        catalog.add(new Object(), Map.of(Components.NAME, "rnn-tanh"));
        catalog.add(new Object(), Map.of(Components.NAME, "gru"));
        assertEquals("unknown cell 'nosuch'; accepted: gru, rnn-tanh",
                assertThrows(RnnlabException.class, () -> catalog.get("nosuch")).getMessage());
        assertEquals("unknown cell 'x'; accepted: none installed",
                assertThrows(RnnlabException.class, () -> new Catalog<>("cell").get("x")).getMessage());
    }

    @Test
    void missingSaysWhatGetWouldOnlyForANameNoServiceHas() {
        catalog.add(new Object(), Map.of(Components.NAME, "gru"));
        assertEquals(Optional.empty(), catalog.missing("gru"));
        assertEquals(Optional.of(assertThrows(RnnlabException.class, () -> catalog.get("lstm")).getMessage()),
                catalog.missing("lstm"));
        catalog.add(new Object(), Map.of(Components.NAME, "lstm"));
        assertEquals(Optional.empty(), catalog.missing("lstm"));
    }

    @Test
    void servicesWithoutANameAreIgnored() {
        assertEquals(Optional.empty(), catalog.add(new Object(), Map.of()));
        assertFalse(catalog.has(""));
        Object named = new Object();
        catalog.add(named, Map.of(Components.NAME, "a"));
        assertTrue(catalog.has("a"));
        catalog.remove(named);
        assertFalse(catalog.has("a"));
    }
}
