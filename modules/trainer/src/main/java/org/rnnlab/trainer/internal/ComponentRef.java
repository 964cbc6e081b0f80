package org.rnnlab.trainer.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;

/**
 * A component named in a run spec with its options: {@code clip-norm:max=1:norm=2} is the
 * component {@code clip-norm} with options {@code max=1} and {@code norm=2}.
 */
record ComponentRef(String name, Options options) {

    static ComponentRef parse(String kind, String text) {
        String[] parts = text.strip().split(":", -1);
        String name = parts[0].strip();
        if (name.isEmpty()) {
            throw new RnnlabException("missing " + kind + " name in '" + text + "'; expected NAME or NAME:key=value:...");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            putOption(options, kind + " " + name, parts[i]);
        }
        return new ComponentRef(name, Options.of(name, options));
    }

    /** Adds one {@code key=value} token, rejecting malformed ones with a one-line message. */
    static void putOption(Map<String, String> options, String owner, String token) {
        int eq = token.indexOf('=');
        if (eq <= 0) {
            throw new RnnlabException(token.isBlank() ? "an empty option for " + owner + " (a ':' too many?); expected "
                    + "key=value after each ':'" : "malformed option '" + token + "' for " + owner + "; expected key=value");
        }
        String key = token.substring(0, eq).strip();
        if (options.containsKey(key)) {
            throw new RnnlabException(owner + " is given " + key + " twice (" + key + "=" + options.get(key) + " and "
                    + token.strip() + "); give it once");
        }
        options.put(key, token.substring(eq + 1).strip());
    }

    ComponentRef withOption(String key, String value) {
        return new ComponentRef(name, options.with(key, value));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        options.asMap().forEach((k, v) -> out.append(':').append(k).append('=').append(v));
        return out.toString();
    }
}
