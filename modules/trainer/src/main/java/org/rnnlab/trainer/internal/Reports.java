package org.rnnlab.trainer.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Read-only copies of remedy reports, for statuses and step reports that leave the run's lock. */
final class Reports {
    private Reports() {
    }

    static Map<String, Map<String, Double>> copy(Map<String, Map<String, Double>> reports) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        reports.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return Collections.unmodifiableMap(copy);
    }
}
