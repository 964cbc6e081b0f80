package org.rnnlab.testkit;

import org.rnnlab.api.RandomSource;
import org.rnnlab.core.random.Xoshiro256;

/** A run's kind of generator for tests: what the trainer passes to initializers and tasks, seeded. */
public final class SeededRandom {
    private SeededRandom() {
    }

    /** The generator rnnlab's runs use (xoshiro256**), seeded with {@code seed}. */
    public static RandomSource of(long seed) {
        return new Xoshiro256(seed);
    }
}
