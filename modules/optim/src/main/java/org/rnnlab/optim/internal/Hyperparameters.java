package org.rnnlab.optim.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;

/**
 * Reads an optimizer's options with the ranges PyTorch enforces where {@link Options} has no
 * getter for them (half-open and finite ranges, pairs, keys a choice requires), failing with
 * Options' one-line message. Every optimizer accepts {@code lr} and the {@link Schedule} keys
 * besides the keys of its own family.
 */
final class Hyperparameters {
    private final Options options;

    Hyperparameters(Options options, String... familyKeys) {
        List<String> accepted = new ArrayList<>(List.of(familyKeys));
        accepted.add("lr");
        accepted.addAll(Schedule.KEYS);
        this.options = options.allowOnly(accepted.toArray(String[]::new));
    }

    Options options() {
        return options;
    }

    /** A finite number >= 0 (momentum, weight_decay). */
    double nonNegative(String key, double defaultValue) {
        return read(key, defaultValue, v -> v >= 0 && v < Double.POSITIVE_INFINITY, "a finite number >= 0");
    }

    /** A number in [0, 1), as an exponential decay rate must be. */
    double decayRate(String key, double defaultValue) {
        return read(key, defaultValue, Hyperparameters::isDecayRate, "a number in [0, 1)");
    }

    /**
     * Adam's two decay rates, given as {@code betas=b1,b2} (PyTorch's tuple) and/or as
     * {@code beta1=}, {@code beta2=}; when both forms name a rate they must agree.
     */
    double[] betas(double defaultBeta1, double defaultBeta2) {
        double[] pair = options.has("betas") ? pair("betas") : new double[] { defaultBeta1, defaultBeta2 };
        double[] betas = { decayRate("beta1", pair[0]), decayRate("beta2", pair[1]) };
        for (int i = 0; i < 2; i++) {
            String key = "beta" + (i + 1);
            if (options.has("betas") && betas[i] != pair[i]) {
                throw options.problem(key + "=" + options.text(key, "") + " contradicts betas="
                        + options.text("betas", "") + "; give one form, or the same rates in both");
            }
        }
        return betas;
    }

    /** Fails unless {@code key} is given: {@code context} (e.g. schedule=step) has no default for it. */
    void require(String key, String context, String expected) {
        if (!options.has(key)) {
            throw options.problem(context + " needs " + key + "; expected " + expected);
        }
    }

    /** Fails on any of {@code candidates} that is given but means nothing in {@code context}. */
    void rejectUnused(String context, Collection<String> used, Collection<String> candidates) {
        for (String key : candidates) {
            if (options.has(key) && !used.contains(key)) {
                throw options.problem(key + "=" + options.text(key, "") + " does not apply to " + context
                        + "; it takes " + (used.isEmpty() ? "none of " + new TreeSet<>(candidates) : new TreeSet<>(used)));
            }
        }
    }

    /** A one-line error in Options' words: what was given and what is accepted. */
    RnnlabException reject(String key, String value, String accepted) {
        return options.reject(key, value, accepted);
    }

    private static boolean isDecayRate(double value) {
        return value >= 0 && value < 1;
    }

    private double read(String key, double defaultValue, DoublePredicate accepted, String description) {
        return options.number(key, defaultValue, accepted, description);
    }

    private double parse(String key, String raw, String number, DoublePredicate accepted, String description) {
        double value;
        try {
            value = Double.parseDouble(number.strip());
        } catch (NumberFormatException e) {
            throw reject(key, raw, description);
        }
        if (!accepted.test(value)) {
            throw reject(key, raw, description);
        }
        return value;
    }

    private double[] pair(String key) {
        String raw = options.text(key, "");
        String expected = "two numbers in [0, 1) separated by a comma, e.g. 0.9,0.999";
        String[] parts = raw.split(",", -1);
        if (parts.length != 2) {
            throw reject(key, raw, expected);
        }
        return new double[] { parse(key, raw, parts[0], Hyperparameters::isDecayRate, expected),
                parse(key, raw, parts[1], Hyperparameters::isDecayRate, expected) };
    }
}
