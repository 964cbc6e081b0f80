package org.rnnlab.core.random;

import org.rnnlab.api.RandomSource;

/**
 * xoshiro256** (Blackman &amp; Vigna 2018): fast, 256 bits of state that can be saved and restored
 * exactly, which a checkpoint needs (java.util's generators hide their state). Seeded through
 * SplitMix64 as its authors recommend, so nearby seeds give unrelated streams.
 */
public final class Xoshiro256 implements RandomSource {
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double nextGaussian = Double.NaN;

    public Xoshiro256(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    /** A generator for one named purpose of a run (e.g. "init", "train", "eval"). */
    public static Xoshiro256 stream(long seed, String purpose) {
        return new Xoshiro256(splitMix(seed ^ splitMix(purpose.hashCode())));
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /**
     * Standard normal by the polar Box–Muller method, keeping the second value for the next call.
     * Implemented here (not inherited) so the draws, and the saved state, are fully ours.
     */
    @Override
    public double nextGaussian() {
        if (!Double.isNaN(nextGaussian)) {
            double value = nextGaussian;
            nextGaussian = Double.NaN;
            return value;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double scale = Math.sqrt(-2 * Math.log(s) / s);
        nextGaussian = v * scale;
        return u * scale;
    }

    @Override
    public long[] state() {
        return new long[] {s0, s1, s2, s3, Double.doubleToRawLongBits(nextGaussian)};
    }

    @Override
    public void restore(long[] state) {
        if (state.length != 5) {
            throw new IllegalArgumentException("xoshiro256 state has 5 words, got " + state.length);
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        nextGaussian = Double.longBitsToDouble(state[4]);
    }
}
