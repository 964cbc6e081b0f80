package org.rnnlab.tasks.internal;

/**
 * The Mackey–Glass delay differential equation (Mackey &amp; Glass 1977), in the form used for
 * echo state networks by Jaeger 2001 and Jaeger &amp; Haas 2004:
 * <pre>
 *   dx/dt = β x(t−τ) / (1 + x(t−τ)^n) − γ x(t),   β = 0.2, γ = 0.1, n = 10
 * </pre>
 * chaotic for τ = 17. Integration scheme: classical fourth-order Runge–Kutta with step
 * h = 0.1, so the delay τ is exactly 10τ steps; the delayed term at a half step is the cubic
 * (four-point Lagrange) interpolation of the stored grid values around it,
 * (−x_{k−1} + 9 x_k + 9 x_{k+1} − x_{k+2}) / 16, which keeps the scheme fourth-order (all four points
 * lie at least τ − 2h in the past, so they are known). The history is x(t) = 1.2 for t ≤ 0;
 * the first {@link #TRANSIENT} time units are discarded; the series is x sampled every time unit.
 * Deterministic: the same τ and length give the same numbers.
 */
public final class MackeyGlass {
    public static final double BETA = 0.2;
    public static final double GAMMA = 0.1;
    public static final int EXPONENT = 10;
    /** Integration steps per time unit (h = 0.1), and so per sample. */
    public static final int STEPS_PER_UNIT = 10;
    /** The constant history x(t), t ≤ 0. */
    public static final double INITIAL = 1.2;
    /** Time units integrated and discarded before the first sample. */
    public static final int TRANSIENT = 1000;

    private MackeyGlass() {
    }

    /** {@code samples} values x(T), x(T + 1), … after the transient T, for delay {@code tau} ≥ 1. */
    public static double[] series(int tau, int samples) {
        if (tau < 1 || samples < 1) {
            throw new IllegalArgumentException("tau and samples must be positive: " + tau + ", " + samples);
        }
        double h = 1.0 / STEPS_PER_UNIT;
        int delay = tau * STEPS_PER_UNIT;
        // Grid values x_m = x(m h) for m = n - delay - 1 .. n, the only ones step n reads.
        double[] grid = new double[delay + 3];
        for (int m = -delay - 1; m <= 0; m++) {
            grid[Math.floorMod(m, grid.length)] = INITIAL;
        }
        double[] out = new double[samples];
        long first = (long) TRANSIENT * STEPS_PER_UNIT;
        long last = first + (long) (samples - 1) * STEPS_PER_UNIT;
        double x = INITIAL;
        for (long n = 0;; n++) {
            if (n >= first && (n - first) % STEPS_PER_UNIT == 0) {
                out[(int) ((n - first) / STEPS_PER_UNIT)] = x;
            }
            if (n == last) {
                return out;
            }
            long k = n - delay;
            double before = grid[(int) Math.floorMod(k - 1, (long) grid.length)];
            double now = grid[(int) Math.floorMod(k, (long) grid.length)];
            double next = grid[(int) Math.floorMod(k + 1, (long) grid.length)];
            double after = grid[(int) Math.floorMod(k + 2, (long) grid.length)];
            double half = (-before + 9 * now + 9 * next - after) / 16;
            double k1 = slope(x, now);
            double k2 = slope(x + h / 2 * k1, half);
            double k3 = slope(x + h / 2 * k2, half);
            double k4 = slope(x + h * k3, next);
            x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            grid[(int) Math.floorMod(n + 1, (long) grid.length)] = x;
        }
    }

    /** The right-hand side f(x(t), x(t − τ)). */
    static double slope(double x, double delayed) {
        return BETA * delayed / (1 + Math.pow(delayed, EXPONENT)) - GAMMA * x;
    }
}
