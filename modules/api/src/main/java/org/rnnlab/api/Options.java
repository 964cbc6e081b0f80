package org.rnnlab.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The key=value options of one component, as a user typed them ({@code max=1 norm=2}).
 * Typed getters validate as they read and throw a {@link RnnlabException} whose one-line message
 * names the component, the option, the bad value and what is accepted. Immutable.
 * <p>
 * {@link #describing(String)} gives options that also note what a component reads: handed to a
 * component's {@code configure}, they tell a person its options, defaults and ranges from the
 * very code that checks them (no second list to keep in step).
 */
public final class Options {
    private static final Options EMPTY = new Options("", Map.of(), null);

    /**
     * One option a component reads: its key, its default as text ("" when it has none) and
     * what it accepts, in the words of the error a bad value gets ("" when anything goes).
     *
     * @since 1.1
     */
    public record Described(String key, String defaultValue, String accepted) {
    }

    private final String owner;
    private final Map<String, String> values;
    /** What was read, in order, when these options describe; null otherwise. */
    private final Map<String, Described> read;

    private Options(String owner, Map<String, String> values, Map<String, Described> read) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.read = read;
    }

    /**
     * Empty options of the component {@code owner} that note each key the component reads,
     * with its default and range; {@link #described()} lists them.
     *
     * @since 1.1
     */
    public static Options describing(String owner) {
        return new Options(owner, Map.of(), new LinkedHashMap<>());
    }

    /**
     * The options read so far through options made by {@link #describing(String)} (and the
     * keys a component accepts without reading them), in the order read; empty otherwise.
     *
     * @since 1.1
     */
    public List<Described> described() {
        return read == null ? List.of() : List.copyOf(read.values());
    }

    private void note(String key, Object defaultValue, String accepted) {
        if (read != null) {
            read.put(key, new Described(key, defaultValue == null ? "" : format(defaultValue), accepted));
        }
    }

    private static String format(Object value) {
        return value instanceof Double d ? fmt(d) : String.valueOf(value);
    }

    /** Options of the component called {@code owner} (used in error messages). */
    public static Options of(String owner, Map<String, String> values) {
        return new Options(owner, values, null);
    }

    public static Options empty() {
        return EMPTY;
    }

    /** The component these options belong to, e.g. {@code clip-norm}. */
    public String owner() {
        return owner;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** These options with {@code key} set to {@code value}. */
    public Options with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Options(owner, copy, read);
    }

    /** Rejects any key not in {@code accepted}, naming the accepted keys. */
    public Options allowOnly(String... accepted) {
        Set<String> known = Set.of(accepted);
        if (read != null) {
            for (String key : new TreeSet<>(known)) {
                read.putIfAbsent(key, new Described(key, "", ""));
            }
        }
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new RnnlabException("unknown option '" + key + "' for " + owner + "; accepted: "
                        + (accepted.length == 0 ? "none" : String.join(", ", new TreeSet<>(known))));
            }
        }
        return this;
    }

    public String text(String key, String defaultValue) {
        note(key, defaultValue, "");
        return values.getOrDefault(key, defaultValue);
    }

    /** One of {@code accepted}; the first is the default. */
    public String choice(String key, String... accepted) {
        note(key, accepted[0], "one of " + String.join(", ", accepted));
        String value = values.getOrDefault(key, accepted[0]);
        if (!List.of(accepted).contains(value)) {
            throw bad(key, value, "one of " + String.join(", ", accepted));
        }
        return value;
    }

    /** A real number in the closed range [min, max]. */
    public double number(String key, double defaultValue, double min, double max) {
        note(key, defaultValue, range(min, max, "a number"));
        double value = values.containsKey(key) ? parseNumber(key) : defaultValue;
        if (!(value >= min && value <= max)) {
            throw bad(key, values.getOrDefault(key, String.valueOf(value)), range(min, max, "a number"));
        }
        return value;
    }

    /**
     * A real number that {@code accepted} admits, for ranges the other getters do not cover
     * (half-open, finite); {@code description} says what is accepted, e.g. "a number in [0, 1)".
     */
    public double number(String key, double defaultValue, java.util.function.DoublePredicate accepted,
            String description) {
        note(key, defaultValue, description);
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(ascii(raw.strip()));
            if (accepted.test(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the one-line error below
        }
        throw reject(key, raw, description);
    }

    /** A real number strictly greater than zero. */
    public double positive(String key, double defaultValue) {
        note(key, defaultValue, "a number > 0");
        double value = values.containsKey(key) ? parseNumber(key) : defaultValue;
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            // "Infinity" parses as a number above 0, so the words must say why it is refused
            throw bad(key, values.getOrDefault(key, String.valueOf(value)),
                    value == Double.POSITIVE_INFINITY ? "a finite number > 0" : "a number > 0");
        }
        return value;
    }

    /** An integer in the closed range [min, max]. */
    public int integer(String key, int defaultValue, int min, int max) {
        note(key, defaultValue, range(min, max, "an integer"));
        String raw = values.get(key);
        int value = defaultValue;
        if (raw != null) {
            try {
                value = Integer.parseInt(ascii(raw.strip()));
            } catch (NumberFormatException e) {
                throw bad(key, raw, range(min, max, "an integer"));
            }
        }
        if (value < min || value > max) {
            throw bad(key, String.valueOf(value), range(min, max, "an integer"));
        }
        return value;
    }

    public long count(String key, long defaultValue, long min) {
        String accepted = min == Long.MIN_VALUE ? "an integer" : "an integer >= " + min;
        note(key, defaultValue, accepted);
        String raw = values.get(key);
        long value = defaultValue;
        if (raw != null) {
            try {
                value = Long.parseLong(ascii(raw.strip()));
            } catch (NumberFormatException e) {
                throw bad(key, raw, accepted);
            }
        }
        if (value < min) {
            throw bad(key, String.valueOf(value), accepted);
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        note(key, defaultValue, "true or false");
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw bad(key, raw, "true or false");
        }
    }

    /**
     * The text itself when every character is ASCII; Java's parsers also read other scripts'
     * digits (full-width ３２), which a person did not mean as a number typed here.
     */
    private static String ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                throw new NumberFormatException("not ASCII: " + text);
            }
        }
        return text;
    }

    private double parseNumber(String key) {
        String raw = values.get(key);
        try {
            double value = Double.parseDouble(ascii(raw.strip()));
            if (Double.isNaN(value)) {
                throw bad(key, raw, "a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a number");
        }
    }

    private static String range(double min, double max, String what) {
        boolean noMin = min == Double.NEGATIVE_INFINITY || min == Integer.MIN_VALUE;
        if (max == Double.MAX_VALUE && !noMin) { // any finite number from min on
            return "a finite " + what.substring(what.indexOf(' ') + 1) + " >= " + fmt(min);
        }
        boolean noMax = max == Double.POSITIVE_INFINITY || max == Integer.MAX_VALUE;
        if (noMin && noMax) {
            return what;
        }
        if (noMax) {
            return what + " >= " + fmt(min);
        }
        if (noMin) {
            return what + " <= " + fmt(max);
        }
        return what + " in [" + fmt(min) + ", " + fmt(max) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private RnnlabException bad(String key, String value, String accepted) {
        return reject(key, value, accepted);
    }

    /**
     * The standard one-line error for a bad value, for checks a component makes itself:
     * {@code owner: key=value is not accepted; expected ACCEPTED}.
     */
    public RnnlabException reject(String key, String value, String accepted) {
        return problem(key + "=" + value + " is not accepted; expected " + accepted);
    }

    /** A one-line error about these options, prefixed with the component's name. */
    public RnnlabException problem(String message) {
        return new RnnlabException(owner.isEmpty() ? message : owner + ": " + message);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options && ((Options) other).owner.equals(owner) && ((Options) other).values.equals(values);
    }

    @Override
    public int hashCode() {
        return owner.hashCode() * 31 + values.hashCode();
    }
}
