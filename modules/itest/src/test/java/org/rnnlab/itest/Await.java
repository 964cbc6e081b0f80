package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.rnnlab.api.RnnlabException;

/**
 * Waiting with a deadline. DS, ConfigAdmin and FileInstall act on their own threads, so a test
 * waits for the effect it expects instead of sleeping a fixed time.
 */
final class Await {
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Probes until {@code done} holds and returns the value that satisfied it; fails at the deadline. */
    static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() - deadline > 0) {
                fail("waited " + timeout.toSeconds() + " s for " + what + "; last seen: " + value);
            }
            Thread.sleep(POLL_MILLIS);
            value = probe.get();
        }
        return value;
    }

    /** Something asked of the runtime that may fail. */
    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }

    /**
     * Repeats {@code attempt} while it fails with a message starting with {@code refusal}, until it
     * succeeds; any other failure ends the wait. For a component just dropped in: SCR hands its
     * service to the trainer a moment before the trainer's bind method adds it to the catalog, and
     * a run made in between is refused as naming an unknown component.
     */
    static void untilAccepted(String what, Duration timeout, String refusal, Attempt attempt)
            throws InterruptedException {
        until(what, timeout, () -> {
            try {
                attempt.run();
                return true;
            } catch (RnnlabException e) {
                if (e.getMessage().startsWith(refusal)) {
                    return false;
                }
                throw e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Boolean::booleanValue);
    }

    /**
     * The best service of {@code type} matching {@code filter}, once there is one; a null type
     * matches any class (Gogo commands), a null filter any service of the type.
     */
    static ServiceReference<?> service(BundleContext context, Class<?> type, String filter, Duration timeout)
            throws InterruptedException {
        String byType = type == null ? null : "(objectClass=" + type.getName() + ")";
        String combined = byType == null ? filter : filter == null ? byType : "(&" + byType + filter + ")";
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(combined), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        tracker.open();
        try {
            if (tracker.waitForService(timeout.toMillis()) == null) {
                fail("no service " + combined + " within " + timeout.toSeconds() + " s");
            }
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }
}
