package org.rnnlab.shell.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jline.terminal.Terminal;

/**
 * Ctrl-C while {@code rnn:train} follows its run: the interactive console would interrupt the
 * command, and Gogo then prints the interruption as {@code java.lang.InterruptedException}. For
 * as long as it is open this takes the terminal's interrupt signal instead and only notes it;
 * the command pauses the run, says so, and returns as usual. Loaded only when the session has a
 * JLine terminal (the interactive console): {@code -c} and scripts run without JLine.
 */
final class TerminalInterrupts implements RnnCommands.Interrupts {
    private final Terminal terminal;
    private final Terminal.SignalHandler previous;
    private final AtomicBoolean pressed = new AtomicBoolean();

    TerminalInterrupts(Object terminal) {
        this.terminal = (Terminal) terminal;
        this.previous = this.terminal.handle(Terminal.Signal.INT, signal -> pressed.set(true));
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
