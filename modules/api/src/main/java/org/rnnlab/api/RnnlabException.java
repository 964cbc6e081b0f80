package org.rnnlab.api;

/**
 * An error meant for a person: its message is one line that says what was wrong and what is
 * accepted (for example {@code unknown cell 'nosuch'; accepted: lstm, rnn-tanh}). The shell
 * prints the message and nothing else; no trained state is lost when one is thrown.
 */
public class RnnlabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RnnlabException(String message) {
        super(message);
    }

    public RnnlabException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The message alone: Gogo's interactive shell prints a failed command's exception with
     * {@code toString()}, and a person should read the message, not a class name.
     */
    @Override
    public String toString() {
        return getMessage();
    }
}
