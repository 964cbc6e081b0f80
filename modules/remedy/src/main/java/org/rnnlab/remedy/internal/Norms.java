package org.rnnlab.remedy.internal;

/**
 * Norms and rescaling of a range of an array (a whole gradient, or one row of it), shared by
 * every remedy that measures or rescales gradients.
 */
final class Norms {
    private Norms() {
    }

    /** Σ (scale * a[i])² over {@code [from, to)}; NaN if any element is NaN. */
    static double sumOfSquares(double[] a, int from, int to, double scale) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double x = scale * a[i];
            sum += x * x;
        }
        return sum;
    }

    /** max |a[i]| over {@code [from, to)} (0 for an empty range); NaN if any element is NaN. */
    static double maxAbs(double[] a, int from, int to) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(a[i]));
        }
        return max;
    }

    /**
     * The L2 norm over {@code [from, to)}. Exploding gradients beyond about 1e154 overflow the
     * plain sum of squares although every element is finite; then the sum is taken again scaled
     * by the largest element, so that clipping still sees the true, finite norm.
     */
    static double l2(double[] a, int from, int to) {
        double sum = sumOfSquares(a, from, to, 1);
        if (sum != Double.POSITIVE_INFINITY) {
            return Math.sqrt(sum);
        }
        double largest = maxAbs(a, from, to);
        if (largest == Double.POSITIVE_INFINITY) {
            return largest;
        }
        return largest * Math.sqrt(sumOfSquares(a, from, to, 1 / largest));
    }

    /** Multiplies {@code [from, to)} by {@code factor}. */
    static void scale(double[] a, int from, int to, double factor) {
        for (int i = from; i < to; i++) {
            a[i] *= factor;
        }
    }
}
