package org.rnnlab.dashboard.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The dashboard's JSON: compact, one line (so one server-sent event is one {@code data:}
 * line). NaN and infinities are written as the strings {@code "NaN"}, {@code "Infinity"}
 * (Jackson's default), which the page turns back into numbers; JSON has no literal for them.
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    /** {@code {"error": why}}: the body of every refused request. */
    static String error(String why) {
        return write(java.util.Map.of("error", why));
    }
}
