package org.rnnlab.api;

import java.util.random.RandomGenerator;

/**
 * The run's seeded random generator. Every random draw of a run (initialization, batches,
 * sampling) comes from one of these, so the same spec and seed give the same losses. Its whole
 * state can be captured and restored, which makes a resumed checkpoint continue exactly.
 * Implementations are not thread-safe; a run owns its generators.
 */
public interface RandomSource extends RandomGenerator {
    /** The complete state; {@link #restore(long[])} with it reproduces every later draw. */
    long[] state();

    /** Restores a state obtained from {@link #state()} of the same implementation. */
    void restore(long[] state);
}
