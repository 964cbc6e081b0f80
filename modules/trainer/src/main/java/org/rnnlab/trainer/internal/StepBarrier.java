package org.rnnlab.trainer.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Where the threads sharing a window's units meet once per step ({@code Shares.Share#awaitOthers}).
 * A step takes a fraction of a millisecond and the shares of one step take about as long, so the
 * wait is short: a thread spins ({@link Thread#onSpinWait}), after a long spin yields its core,
 * and after many yields (another run busy on the cores, a pause for garbage collection) sleeps in
 * short naps, so a long wait does not burn a core. {@link java.util.concurrent.Phaser}, tried
 * first, parks after a brief spin, and waking a parked thread cost about as much as a step's
 * elementwise work; runs on two threads varied by a third from one run to the next.
 *
 * <p>A share that has finished leaves ({@link #leave}), so the others do not wait for it if they
 * meet more often than it did; a share that failed stops the barrier for good ({@link #stop}).
 * Counting is under the barrier's lock (a few tens of nanoseconds per meeting); waiting is on the
 * volatile phase, outside it.
 */
final class StepBarrier {
    /** Spins before yielding: some tens of microseconds, longer than a step's imbalance. */
    private static final int SPINS = 1 << 14;
    /** Yields before napping. */
    private static final int YIELDS = 1 << 10;
    private static final long NAP_NANOS = 50_000;

    private int parties;
    private int arrived;
    private volatile int phase;
    private volatile boolean stopped;

    StepBarrier(int parties) {
        this.parties = parties;
    }

    /**
     * Returns when every party still meeting has called it as often; false if {@link #stop} was
     * called. An interrupt does not end the wait (the shares finish their window together); it is
     * kept for the caller.
     */
    boolean await() {
        int current;
        synchronized (this) {
            current = phase;
            if (++arrived >= parties) {
                advance();
                return !stopped;
            }
        }
        boolean interrupted = false;
        int spins = 0;
        while (phase == current && !stopped) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else if (spins < SPINS + YIELDS) {
                Thread.yield();
            } else {
                // A set interrupt flag would make every nap return at once: hold it until the end.
                interrupted |= Thread.interrupted();
                LockSupport.parkNanos(NAP_NANOS);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return !stopped;
    }

    /** A party is done meeting: the others no longer wait for it. */
    synchronized void leave() {
        parties--;
        if (arrived > 0 && arrived >= parties) {
            advance();
        }
    }

    /** Releases every waiting party for good: a share failed, and the others must not wait for it. */
    void stop() {
        stopped = true;
    }

    private void advance() {
        arrived = 0;
        phase = phase + 1;
    }
}
