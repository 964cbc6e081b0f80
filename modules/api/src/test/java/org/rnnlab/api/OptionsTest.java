package org.rnnlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OptionsTest {
    private final Options options = Options.of("adam", Map.of("lr", "0.01", "steps", "12", "amsgrad", "yes",
            "betas", "x", "gamma", "1.5", "norm", "inf"));

    private String error(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(RnnlabException.class, call).getMessage();
    }

    @Test
    void typedGettersReadAndFallBackToDefaults() {
        assertEquals(0.01, options.positive("lr", 1));
        assertEquals(0.5, options.positive("eps", 0.5));
        assertEquals(12, options.integer("steps", 1, 1, 100));
        assertEquals(12L, options.count("steps", 1, 0));
        assertTrue(options.bool("amsgrad", false));
        assertFalse(options.bool("nesterov", false));
        assertEquals("inf", options.choice("norm", "2", "inf"));
        assertEquals(1.5, options.number("gamma", 0, v -> v > 1, "a number > 1"));
        assertEquals(0.1, options.number("missing", 0.1, v -> false, "never"));
    }

    @Test
    void badValuesGiveOneLineMessagesNamingOwnerAndAcceptedValues() {
        assertEquals("adam: betas=x is not accepted; expected a number", error(() -> options.number("betas", 0, -1, 1)));
        assertEquals("adam: lr=0.01 is not accepted; expected a number in [1, 2]", error(() -> options.number("lr", 1, 1, 2)));
        assertEquals("adam: steps=12 is not accepted; expected an integer <= 10", error(() -> options.integer("steps", 1, Integer.MIN_VALUE, 10)));
        assertEquals("adam: norm=inf is not accepted; expected one of 1, 2", error(() -> options.choice("norm", "1", "2")));
        assertEquals("adam: gamma=1.5 is not accepted; expected a number < 1", error(() -> options.number("gamma", 0, v -> v < 1, "a number < 1")));
        assertEquals("adam: lr=-1 is not accepted; expected a number > 0",
                error(() -> Options.of("adam", Map.of("lr", "-1")).positive("lr", 1)));
        assertEquals("adam: lr=Infinity is not accepted; expected a finite number > 0",
                error(() -> Options.of("adam", Map.of("lr", "Infinity")).positive("lr", 1)));
        assertEquals("adam: amsgrad=perhaps is not accepted; expected true or false",
                error(() -> Options.of("adam", Map.of("amsgrad", "perhaps")).bool("amsgrad", false)));
        assertEquals("unknown option 'betas' for adam; accepted: amsgrad, gamma, lr, norm, steps",
                error(() -> options.allowOnly("lr", "steps", "amsgrad", "gamma", "norm")));
        assertEquals("adam: needs more", options.problem("needs more").getMessage());
    }

    @Test
    void withReturnsAChangedCopy() {
        Options changed = options.with("lr", "0.5");
        assertEquals("0.5", changed.text("lr", ""));
        assertEquals("0.01", options.text("lr", ""));
        assertEquals(Options.of("x", Map.of()), Options.of("x", Map.of()));
    }

    @Test
    void describingOptionsNoteWhatAComponentReadsWithDefaultsAndRanges() {
        Options described = Options.describing("clip-norm");
        described.allowOnly("max", "norm", "unused");
        described.positive("max", 1);
        described.choice("norm", "2", "inf");
        described.integer("window", 5, 1, 10);
        described.with("max", "3").bool("strict", true);
        assertEquals(java.util.List.of(
                new Options.Described("max", "1", "a number > 0"),
                new Options.Described("norm", "2", "one of 2, inf"),
                new Options.Described("unused", "", ""),
                new Options.Described("window", "5", "an integer in [1, 10]"),
                new Options.Described("strict", "true", "true or false")), described.described());
        assertEquals(java.util.List.of(), options.described(), "ordinary options note nothing");
    }

    @Test
    void anUnboundedCountAsksForAnIntegerWithoutAFalseBound() {
        assertEquals("run: seed=x is not accepted; expected an integer",
                error(() -> Options.of("run", java.util.Map.of("seed", "x")).count("seed", 1, Long.MIN_VALUE)));
        assertEquals("run: steps=-1 is not accepted; expected an integer >= 0",
                error(() -> Options.of("run", java.util.Map.of("steps", "-1")).count("steps", 1, 0)));
        assertEquals("run: ridge=-1 is not accepted; expected a finite number >= 0",
                error(() -> Options.of("run", java.util.Map.of("ridge", "-1")).number("ridge", 1e-6, 0, Double.MAX_VALUE)));
    }
}
