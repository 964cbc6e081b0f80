package org.rnnlab.shell.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rnnlab.api.RnnlabException;

/** The shell's {@code key=value} arguments, in the order given. */
final class KeyValues {
    private KeyValues() {
    }

    static Map<String, String> parse(String... tokens) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String token : tokens) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new RnnlabException("malformed argument '" + token + "'; expected key=value, e.g. cell=lstm");
            }
            String key = token.substring(0, eq).strip();
            if (values.containsKey(key)) {
                throw new RnnlabException("'" + key + "' is given twice");
            }
            values.put(key, token.substring(eq + 1).strip());
        }
        return values;
    }
}
