package org.rnnlab.shell.internal;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * {@code rnn:bench}'s warm-up: the steps asked for, then more, one at a time, until the JIT is
 * quiet. A run on one thread leaves the JIT a core of its own; a run on two threads shares both
 * with it, and a step whose thread the JIT displaces keeps the other thread waiting at every
 * meeting. After a fixed three steps, two-thread runs here still met the compiler during the
 * measured steps (JFR; waits of half a millisecond and more at a few hundred meetings per run),
 * which made them look slower against one thread than they are.
 */
final class WarmUp {
    /** Quiet: the compiler threads worked less than this fraction of the last step's time. */
    static final double QUIET = 0.02;
    /** Steps added at most after the ones asked for: a JIT that never settles does not hold up the command. */
    static final int MAX_EXTRA_STEPS = 60;

    private final LongSupplier compileMillis;
    private final LongSupplier nanoTime;

    private WarmUp(LongSupplier compileMillis, LongSupplier nanoTime) {
        this.compileMillis = compileMillis;
        this.nanoTime = nanoTime;
    }

    /** On this JVM's compilation time, or on none (no extra steps) where the JVM does not keep it. */
    static WarmUp ofThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return new WarmUp(null, System::nanoTime);
        }
        return new WarmUp(jit::getTotalCompilationTime, System::nanoTime);
    }

    static WarmUp of(LongSupplier compileMillis, LongSupplier nanoTime) {
        return new WarmUp(compileMillis, nanoTime);
    }

    /** Trains the run for a number of steps and returns when they are done. */
    interface Steps {
        void run(int count) throws InterruptedException;
    }

    /**
     * Runs {@code asked} steps at once, then single steps until one sees the compiler quiet, at
     * most {@link #MAX_EXTRA_STEPS}; returns how many steps it ran. {@code asked = 0} asks for no
     * warm-up at all (a cold measurement), and gets none.
     */
    int run(int asked, Steps steps) throws InterruptedException {
        if (asked == 0) {
            return 0;
        }
        steps.run(asked);
        int done = asked;
        if (compileMillis == null) {
            return done;
        }
        for (int extra = 0; extra < MAX_EXTRA_STEPS; extra++) {
            long compiledBefore = compileMillis.getAsLong();
            long start = nanoTime.getAsLong();
            steps.run(1);
            done++;
            double stepMillis = (nanoTime.getAsLong() - start) / 1e6;
            if (compileMillis.getAsLong() - compiledBefore <= QUIET * stepMillis) {
                break;
            }
        }
        return done;
    }
}
