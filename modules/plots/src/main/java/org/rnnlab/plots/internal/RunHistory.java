package org.rnnlab.plots.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.rnnlab.api.trainer.StepReport;

/**
 * What the trainer keeps of a run for charts and exports: its spec and its step reports, oldest
 * first ({@code Trainer.reports}: thinned evenly to at most 2048, those with an evaluation or
 * diagnostics always kept). It is also the document {@code rnn:export} writes as JSON.
 *
 * @param spec the run's current spec, key=value as in the shell
 */
public record RunHistory(String run, Map<String, String> spec, List<StepReport> reports) {
    public RunHistory {
        spec = Collections.unmodifiableMap(new TreeMap<>(spec)); // sorted: a stable export
        reports = List.copyOf(reports);
    }

    /** The reports that carry diagnostics ({@code diagnostics=N}). */
    List<StepReport> diagnosed() {
        return reports.stream().filter(r -> r.diagnostics() != null).toList();
    }
}
