package org.rnnlab.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rnnlab.api.RnnlabException;

/** The shell's {@code key=value} arguments, in the order given. */
final class KeyValues {
    private KeyValues() {
    }

    static Map<String, String> parse(String... tokens) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] pair : pairs(tokens)) {
            if (values.containsKey(pair[0])) {
                throw new RnnlabException("'" + pair[0] + "' is given twice");
            }
            values.put(pair[0], pair[1]);
        }
        return values;
    }

    /** Each token split at its first '=' into key and value, keys repeated as given. */
    static List<String[]> pairs(String... tokens) {
        List<String[]> pairs = new ArrayList<>();
        for (String token : tokens) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new RnnlabException("malformed argument '" + token + "'; expected key=value, e.g. cell=lstm");
            }
            pairs.add(new String[] {token.substring(0, eq).strip(), token.substring(eq + 1).strip()});
        }
        return pairs;
    }
}
