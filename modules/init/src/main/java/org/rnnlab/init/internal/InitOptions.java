package org.rnnlab.init.internal;

import java.util.function.DoublePredicate;

import org.rnnlab.api.Options;

/**
 * Reads initializer options that {@link Options} has no getter for (finite, open and half-open
 * ranges, required keys, exclusive pairs), failing with Options' one-line message.
 */
final class InitOptions {
    private InitOptions() {
    }

    /** Any finite number. */
    static double finite(Options options, String key, double defaultValue) {
        return read(options, key, defaultValue, Double::isFinite, "a finite number");
    }

    /** A finite number strictly greater than {@code min}. */
    static double above(Options options, String key, double defaultValue, double min) {
        return read(options, key, defaultValue, v -> v > min && Double.isFinite(v), "a number > " + format(min));
    }

    /** A number in [0, 1): a fraction that must leave something. */
    static double fractionBelowOne(Options options, String key, double defaultValue) {
        return read(options, key, defaultValue, v -> v >= 0 && v < 1, "a number in [0, 1)");
    }

    /** A number in (0, 1]: a fraction that must keep something. */
    static double fractionAboveZero(Options options, String key, double defaultValue) {
        return read(options, key, defaultValue, v -> v > 0 && v <= 1, "a number in (0, 1]");
    }

    /** Fails unless {@code key} is given, for options without a sensible default. */
    static void require(Options options, String key, String expected) {
        if (!options.has(key)) {
            throw options.problem(key + " is required; expected " + expected);
        }
    }

    /** Fails when both of two keys that say the same thing in different words are given. */
    static void eitherOr(Options options, String one, String other) {
        if (options.has(one) && options.has(other)) {
            throw options.problem(one + "=" + options.text(one, "") + " and " + other + "=" + options.text(other, "")
                    + " say the same thing twice; give one of them");
        }
    }

    private static double read(Options options, String key, double defaultValue, DoublePredicate accepted,
            String description) {
        return options.number(key, defaultValue, accepted, description);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
