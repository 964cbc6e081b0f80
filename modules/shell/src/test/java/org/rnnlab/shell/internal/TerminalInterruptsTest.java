package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** Ctrl-C while a command follows a run: noted, its action run at the key itself, the console's handler back after. */
class TerminalInterruptsTest {
    private static Terminal terminal() throws Exception {
        return TerminalBuilder.builder().dumb(true).streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
                .build();
    }

    @Test
    void thePressRunsTheActionAtOnceAndIsNoted() throws Exception {
        try (Terminal terminal = terminal()) {
            AtomicInteger paused = new AtomicInteger();
            try (TerminalInterrupts interrupts = new TerminalInterrupts(terminal, paused::incrementAndGet)) {
                assertFalse(interrupts.pressed());
                terminal.raise(Terminal.Signal.INT);
                assertEquals(1, paused.get(), "the action ran on the signal, before the command looked");
                assertTrue(interrupts.pressed());
            }
        }
    }

    @Test
    void aFailingActionStillNotesThePressAndClosingRestoresTheConsolesHandler() throws Exception {
        try (Terminal terminal = terminal()) {
            AtomicInteger console = new AtomicInteger();
            terminal.handle(Terminal.Signal.INT, signal -> console.incrementAndGet());
            try (TerminalInterrupts interrupts = new TerminalInterrupts(terminal, () -> {
                throw new IllegalStateException("the run has ended");
            })) {
                terminal.raise(Terminal.Signal.INT);
                assertTrue(interrupts.pressed());
                assertEquals(0, console.get());
            }
            terminal.raise(Terminal.Signal.INT);
            assertEquals(1, console.get());
        }
    }
}
