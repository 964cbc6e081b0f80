package org.rnnlab.trainer.internal;

import java.util.function.Supplier;

import org.rnnlab.api.RnnlabException;

/**
 * Calls into a component so that whatever it throws fails only the run, with one line naming it
 * (DESIGN, "containment"). A component's own {@link RnnlabException} (a one-line error, a
 * remedy's pause request) passes unchanged; any other {@code Throwable}, an {@code Error}
 * included, becomes a {@link ComponentFailure} naming the component and what went wrong. A
 * {@link VirtualMachineError} other than a stack overflow passes unchanged: the JVM itself is in
 * trouble, and the run's loop marks the run failed before it lets it go.
 */
final class Blame {
    /** A component threw: the message names it (kind, rnnlab.name, bundle) and the failure. */
    static final class ComponentFailure extends RnnlabException {
        private static final long serialVersionUID = 1L;

        ComponentFailure(String component, Throwable cause) {
            super(component + " failed: " + describe(cause), cause);
        }
    }

    <T> T call(String component, Supplier<T> work) {
        try {
            return work.get();
        } catch (RnnlabException e) {
            throw e;
        } catch (VirtualMachineError e) {
            if (e instanceof StackOverflowError) {
                throw new ComponentFailure(component, e);
            }
            throw e;
        } catch (Throwable e) {
            throw new ComponentFailure(component, e);
        }
    }

    void run(String component, Runnable work) {
        call(component, () -> {
            work.run();
            return null;
        });
    }

    /**
     * What went wrong in words, without a Java class name: the exception's kind spelled out
     * ({@code NullPointerException} → "null pointer") and its message's first line.
     */
    static String describe(Throwable e) {
        String kind = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "")
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        if (kind.isBlank()) {
            kind = "an error";
        }
        String message = e.getMessage();
        String first = message == null ? "" : message.lines().findFirst().orElse("").strip();
        return first.isEmpty() ? kind : kind + ": " + first;
    }
}
