package org.rnnlab.launcher;

/**
 * A launcher command's refusal in words. Gogo's console prints an exception as its
 * {@code toString()}, so that is the message alone: no class name reaches a person.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
        super(message);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
