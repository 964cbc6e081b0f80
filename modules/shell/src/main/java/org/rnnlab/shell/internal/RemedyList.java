package org.rnnlab.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.rnnlab.api.RnnlabException;

/**
 * A run's {@code remedies=} value as the list it is ({@code tbptt:k=20,clip-norm:max=1}), edited
 * by {@code rnn:remedy}: items are only moved, never interpreted; the trainer validates them.
 */
record RemedyList(List<String> items) {
    static RemedyList of(String spec) {
        List<String> items = new ArrayList<>();
        for (String item : spec.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return new RemedyList(List.copyOf(items));
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** Appends {@code NAME key=value ...} as {@code NAME:key=value:...}. */
    RemedyList add(String... arguments) {
        if (arguments.length == 0) {
            throw new RnnlabException("add needs a remedy name, e.g. rnn:remedy NAME add clip-norm max=5");
        }
        KeyValues.parse(java.util.Arrays.copyOfRange(arguments, 1, arguments.length)); // rejects malformed options
        List<String> next = new ArrayList<>(items);
        next.add(String.join(":", arguments));
        return new RemedyList(next);
    }

    /** Drops every item named {@code NAME}. */
    RemedyList remove(String... arguments) {
        if (arguments.length != 1) {
            throw new RnnlabException("remove takes one remedy name, e.g. rnn:remedy NAME remove tbptt");
        }
        List<String> next = new ArrayList<>();
        for (String item : items) {
            if (!item.split(":")[0].equals(arguments[0])) {
                next.add(item);
            }
        }
        if (next.size() == items.size()) {
            throw new RnnlabException("the run has no remedy '" + arguments[0] + "'; it has: "
                    + (items.isEmpty() ? "none" : toString()));
        }
        return new RemedyList(next);
    }

    @Override
    public String toString() {
        return String.join(",", items);
    }
}
