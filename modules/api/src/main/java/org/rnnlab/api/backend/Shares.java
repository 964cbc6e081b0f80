package org.rnnlab.api.backend;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The threads a run lends its cells ({@code threads=N}), offered by the {@link MatrixBackend} a
 * cell receives when the run has more than one. A window's recurrence is a chain of small steps;
 * splitting each step's product among threads pays a hand-off per product and leaves the step's
 * elementwise work on one thread. A cell that can instead give each thread its own share of the
 * window (its own sequences of the batch, or its own hidden units) runs it through {@link #run}:
 * every thread does all steps of its share, products and elementwise work, and the threads meet
 * where one reads what another wrote ({@link Share#awaitOthers}): once the window is done for
 * shares of the sequences, once per step for shares of the units. Each element is then computed
 * as one thread would compute it, so the results need not change.
 *
 * <p>Implemented by the trainer; cells only call it.
 */
@ProviderType
public interface Shares {
    /**
     * Calls {@code work} once per share, each on its own thread, all at once, and returns when
     * every call has returned; the first failure is thrown after all have ended. When the threads
     * are already running another share of the same run (the two directions of a bidirectional
     * layer at once), there is one share, on the calling thread.
     */
    void run(Work work);

    /** What each thread does with its share. */
    @ConsumerType
    @FunctionalInterface
    interface Work {
        void run(Share share);
    }

    /** One thread's part of {@link #run}. */
    @ProviderType
    interface Share {
        /** This share's number, from 0. */
        int index();

        /** How many shares run. */
        int count();

        /** Products on this thread alone (products inside a share must not be split again). */
        MatrixBackend products();

        /**
         * Returns once every share has called it as many times: after it, what all shares wrote
         * before it is visible to each. Throws if another share has failed.
         */
        void awaitOthers();
    }
}
