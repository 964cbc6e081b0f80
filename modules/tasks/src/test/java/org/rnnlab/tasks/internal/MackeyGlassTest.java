package org.rnnlab.tasks.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generated series against what is known of the Mackey–Glass attractor. */
class MackeyGlassTest {
    private static final double[] CHAOTIC = MackeyGlass.series(17, 10_000);

    /** The τ = 17 attractor spans about [0.42, 1.32] (Mackey &amp; Glass 1977; Farmer 1982). */
    @Test
    void chaoticSeriesStaysOnTheKnownAttractor() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : CHAOTIC) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertTrue(min > 0.4 && min < 0.45, "min " + min);
        assertTrue(max > 1.3 && max < 1.35, "max " + max);
    }

    /**
     * τ = 17 is chaotic: no lag from 20 to 2000 time units brings the whole series back within
     * 0.3 of itself. τ = 10 lies on a limit cycle: some lag does, within 1e-3.
     */
    @Test
    void tau17IsAperiodicWhereTau10IsPeriodic() {
        assertTrue(closestReturn(CHAOTIC) > 0.3, "τ=17 returns within " + closestReturn(CHAOTIC));
        double[] periodic = MackeyGlass.series(10, 10_000);
        assertTrue(closestReturn(periodic) < 1e-3, "τ=10 returns within " + closestReturn(periodic));
    }

    /** The smallest, over lags 20..2000, of the largest |x_{t+lag} − x_t| along the series. */
    private static double closestReturn(double[] series) {
        double closest = Double.POSITIVE_INFINITY;
        for (int lag = 20; lag <= 2000; lag++) {
            double largest = 0;
            for (int t = 0; t + lag < series.length; t++) {
                largest = Math.max(largest, Math.abs(series[t + lag] - series[t]));
            }
            closest = Math.min(closest, largest);
        }
        return closest;
    }

    @Test
    void sameDelaySameSeriesAndLongerSeriesExtendsIt() {
        assertArrayEquals(CHAOTIC, MackeyGlass.series(17, 10_000));
        double[] shorter = MackeyGlass.series(17, 500);
        for (int i = 0; i < shorter.length; i++) {
            assertEquals(CHAOTIC[i], shorter[i], 0.0);
        }
    }

    /**
     * Below the first Hopf bifurcation (τ ≈ 4.5 for these constants) the fixed point x* = 1,
     * where β x/(1 + x^10) = γ x, is stable: the series settles there.
     */
    @Test
    void shortDelaySettlesAtTheFixedPoint() {
        for (double x : MackeyGlass.series(2, 100)) {
            assertEquals(1.0, x, 1e-9);
        }
    }

    /** f(x, x_τ) = β x_τ / (1 + x_τ^10) − γ x with β = 0.2, γ = 0.1. */
    @Test
    void rightHandSideIsTheMackeyGlassEquation() {
        assertEquals(0.2 * 1.2 / (1 + Math.pow(1.2, 10)) - 0.1 * 0.7, MackeyGlass.slope(0.7, 1.2), 1e-15);
    }
}
