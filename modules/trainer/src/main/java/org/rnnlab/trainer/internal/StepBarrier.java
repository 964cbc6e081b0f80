package org.rnnlab.trainer.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the threads sharing a window's units meet once per step ({@code Shares.Share#awaitOthers}).
 * A step takes a fraction of a millisecond and the shares of one step take about as long, so the
 * wait is short: a thread spins ({@link Thread#onSpinWait}), after a long spin yields its core,
 * and after many yields (another run busy on the cores, a pause for garbage collection) sleeps in
 * short naps, so a long wait does not burn a core. {@link java.util.concurrent.Phaser}, tried first, parks after a brief spin, and waking a
 * parked thread cost about as much as a step's elementwise work; runs on two threads varied by a
 * third from one run to the next.
 */
final class StepBarrier {
    /** Spins before yielding: some tens of microseconds, longer than a step's imbalance. */
    private static final int SPINS = 1 << 14;
    /** Yields before napping. */
    private static final int YIELDS = 1 << 10;
    private static final long NAP_NANOS = 50_000;

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int phase;
    private volatile boolean stopped;

    StepBarrier(int parties) {
        this.parties = parties;
    }

    /** Returns when all parties have called it as often; false if {@link #stop} was called. */
    boolean await() {
        int current = phase;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            phase = current + 1;
            return !stopped;
        }
        int spins = 0;
        while (phase == current) {
            if (stopped) {
                return false;
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else if (spins < SPINS + YIELDS) {
                Thread.yield();
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(NAP_NANOS);
            }
        }
        return !stopped;
    }

    /** Releases every waiting party for good: a share failed, and the others must not wait for it. */
    void stop() {
        stopped = true;
    }
}
