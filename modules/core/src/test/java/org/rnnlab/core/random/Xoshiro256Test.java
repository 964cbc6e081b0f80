package org.rnnlab.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class Xoshiro256Test {
    @Test
    void sameSeedSameStream() {
        Xoshiro256 a = new Xoshiro256(42);
        Xoshiro256 b = new Xoshiro256(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertNotEquals(new Xoshiro256(1).nextLong(), new Xoshiro256(2).nextLong());
    }

    /** A restored state continues exactly, including a pending second Gaussian. */
    @Test
    void restoredStateContinuesExactly() {
        Xoshiro256 a = new Xoshiro256(5);
        a.nextGaussian();
        long[] saved = a.state();
        double[] expected = { a.nextGaussian(), a.nextDouble(), a.nextGaussian(), a.nextInt(10) };
        Xoshiro256 b = new Xoshiro256(99);
        b.restore(saved);
        assertArrayEquals(expected, new double[] { b.nextGaussian(), b.nextDouble(), b.nextGaussian(), b.nextInt(10) });
    }

    /** Moments of 200k draws within five standard errors (seeded, so the test is deterministic). */
    @Test
    void gaussianHasUnitMoments() {
        Xoshiro256 rng = new Xoshiro256(11);
        int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            double x = rng.nextGaussian();
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        assertEquals(0, mean, 5 / Math.sqrt(n));
        assertEquals(1, variance, 5 * Math.sqrt(2.0 / n));
    }

    @Test
    void streamsOfOneSeedDiffer() {
        assertNotEquals(Xoshiro256.stream(1, "init").nextLong(), Xoshiro256.stream(1, "train").nextLong());
    }
}
