package org.rnnlab.shell.internal;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * How long a cache line takes to go from one core to another and back: two threads hand a
 * counter to each other. Runs with {@code threads=2} exchange each step's state between their
 * cores, so their speed depends on it, and on a virtual machine it is not fixed: on this project's
 * two-vCPU machine it is either under 100 ns or over 300 ns, switching from one minute to the next
 * (the host places the two vCPUs on cores that share a cache, or on cores that do not), and
 * `native` runs on two threads are about a quarter slower in the far placement (README, "Two
 * threads"). {@code rnn:bench} prints it before and after the measured steps.
 */
final class CoreRoundTrip {
    /**
     * Round trips timed together: a few microseconds, so that a preempted chunk is one of many and
     * some chunks finish even while other work (the JIT, another run) takes the cores at times.
     */
    private static final int CHUNK = 32;

    private volatile long baton;

    private CoreRoundTrip() {
    }

    /**
     * The median round trip in nanoseconds over the chunks completed within {@code budgetNanos},
     * or empty if none was (a single core, or both threads' cores busy with other work). Both
     * threads spin, so it takes two cores for the budget's time; the second thread ends with it.
     */
    static OptionalDouble nanos(long budgetNanos) {
        return nanos(budgetNanos, Integer.MAX_VALUE);
    }

    /** {@link #nanos(long)}, ending as soon as {@code chunks} chunks are done (a test's bound). */
    static OptionalDouble nanos(long budgetNanos, int chunks) {
        return new CoreRoundTrip().measure(budgetNanos, chunks);
    }

    private OptionalDouble measure(long budgetNanos, int maxChunks) {
        long deadline = System.nanoTime() + budgetNanos;
        Thread partner = new Thread(() -> answer(deadline), "rnnlab-core-round-trip");
        partner.setDaemon(true);
        partner.start();
        double[] chunks = new double[64];
        int done = 0;
        long next = 0; // even: this thread's turn; the partner answers with next + 1
        try {
            while (done < maxChunks && System.nanoTime() < deadline) {
                long start = System.nanoTime();
                for (int i = 0; i < CHUNK; i++) {
                    baton = next + 1;
                    if (!awaitBaton(next + 2, deadline)) {
                        return median(chunks, done);
                    }
                    next += 2;
                }
                if (done == chunks.length) {
                    chunks = Arrays.copyOf(chunks, 2 * done);
                }
                chunks[done++] = (System.nanoTime() - start) / (double) CHUNK;
            }
            return median(chunks, done);
        } finally {
            baton = -1; // tells the partner to stop, whatever it waits for (else it stops at the deadline)
        }
    }

    private void answer(long deadline) {
        long expected = 1;
        while (awaitBaton(expected, deadline)) {
            baton = expected + 1;
            expected += 2;
        }
    }

    /** Spins until the baton reads {@code value}; false once it reads -1 or the deadline passed. */
    private boolean awaitBaton(long value, long deadline) {
        int spins = 0;
        while (true) {
            long seen = baton;
            if (seen == value) {
                return true;
            }
            if (seen == -1 || (++spins & 0xFFF) == 0 && System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    private static OptionalDouble median(double[] chunks, int done) {
        if (done == 0) {
            return OptionalDouble.empty();
        }
        double[] sorted = Arrays.copyOf(chunks, done);
        Arrays.sort(sorted);
        return OptionalDouble.of(sorted[done / 2]);
    }
}
