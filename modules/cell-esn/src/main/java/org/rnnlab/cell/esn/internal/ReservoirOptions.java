package org.rnnlab.cell.esn.internal;

import java.util.function.DoublePredicate;

import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;

/**
 * The construction of a reservoir, read from a run's {@code cell.KEY=} options, with the defaults
 * of Lukoševičius 2012 ("A practical guide to applying echo state networks", sections 3.2 and
 * 3.3): spectral radius of W below 1, a sparse W, input weights uniform in a symmetric range.
 *
 * @param radius        the spectral radius W is rescaled to ({@code radius}, default 0.9)
 * @param inputScaling  W_in entries are U(−s, s) ({@code input_scaling}, default 1)
 * @param connectivity  fraction of nonzero entries per row of W ({@code connectivity}, default
 *                      0.1; or {@code sparsity}, the fraction of zeros, default 0.9)
 * @param leak          the leaking rate a in (0, 1] ({@code leak}, default 1: no leaking)
 * @param biasScaling   b entries are U(−s, s) ({@code bias_scaling}, default 0: no bias)
 */
record ReservoirOptions(double radius, double inputScaling, double connectivity, double leak, double biasScaling) {
    private static final String[] KEYS = {"radius", "input_scaling", "sparsity", "connectivity", "leak", "bias_scaling"};

    static ReservoirOptions parse(Options options) {
        options.allowOnly(KEYS);
        if (options.has("sparsity") && options.has("connectivity")) {
            throw new RnnlabException(options.owner() + ": sparsity=" + options.text("sparsity", "")
                    + " and connectivity=" + options.text("connectivity", "")
                    + " say the same thing twice; give one of them");
        }
        double connectivity = options.has("sparsity")
                ? 1 - within(options, "sparsity", 0.9, v -> v >= 0 && v < 1, "a number in [0, 1)")
                : within(options, "connectivity", 0.1, v -> v > 0 && v <= 1, "a number in (0, 1]");
        return new ReservoirOptions(
                within(options, "radius", 0.9, v -> v > 0 && v < Double.POSITIVE_INFINITY, "a number > 0"),
                within(options, "input_scaling", 1, ReservoirOptions::finiteNonNegative, "a finite number >= 0"),
                connectivity,
                within(options, "leak", 1, v -> v > 0 && v <= 1, "a number in (0, 1]"),
                within(options, "bias_scaling", 0, ReservoirOptions::finiteNonNegative, "a finite number >= 0"));
    }

    /** The number under {@code key} (or the default), rejected with {@code accepted} unless {@code ok}. */
    private static double within(Options options, String key, double defaultValue, DoublePredicate ok,
            String accepted) {
        double value = options.number(key, defaultValue, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        if (!ok.test(value)) {
            throw new RnnlabException(options.owner() + ": " + key + "=" + options.text(key, "") + " is not accepted;"
                    + " expected " + accepted);
        }
        return value;
    }

    private static boolean finiteNonNegative(double value) {
        return value >= 0 && value < Double.POSITIVE_INFINITY;
    }
}
