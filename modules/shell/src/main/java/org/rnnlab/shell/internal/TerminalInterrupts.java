package org.rnnlab.shell.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jline.terminal.Terminal;

/**
 * Ctrl-C while {@code rnn:train} follows its run: the interactive console would interrupt the
 * command, and Gogo then prints the interruption as {@code java.lang.InterruptedException}. For
 * as long as it is open this takes the terminal's interrupt signal instead: it notes the press and
 * runs the command's action at once, on the signal's thread (rnn:train pauses its run there, so
 * the run stops within a step of the key, not at the command's next look), and the command says
 * so and returns as usual. Loaded only when the session has a JLine terminal (the interactive
 * console): {@code -c} and scripts run without JLine.
 */
final class TerminalInterrupts implements RnnCommands.Interrupts {
    private final Terminal terminal;
    private final Terminal.SignalHandler previous;
    private final AtomicBoolean pressed = new AtomicBoolean();

    TerminalInterrupts(Object terminal, Runnable onPress) {
        this.terminal = (Terminal) terminal;
        this.previous = this.terminal.handle(Terminal.Signal.INT, signal -> {
            pressed.set(true);
            try {
                onPress.run();
            } catch (RuntimeException e) {
                // the command's own loop looks at the run next and says what became of it
            }
        });
    }

    @Override
    public boolean pressed() {
        return pressed.get();
    }

    @Override
    public void close() {
        terminal.handle(Terminal.Signal.INT, previous);
    }
}
