package org.rnnlab.shell.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.TrainingListener;

/**
 * The latest step report of every run, and the latest with diagnostics, kept for
 * {@code rnn:gradients} and {@code rnn:diagnostics}: the shell follows
 * training on the whiteboard like any other listener and remembers only the last report.
 */
@Component(service = {TrainingListener.class, StepReports.class})
public class StepReports implements TrainingListener {
    private final Map<String, StepReport> latest = new ConcurrentHashMap<>();
    private final Map<String, StepReport> latestDiagnosed = new ConcurrentHashMap<>();

    @Override
    public void step(StepReport report) {
        latest.put(report.run(), report);
        if (report.diagnostics() != null) {
            latestDiagnosed.put(report.run(), report);
        }
    }

    /** A removed run's name may be used again, and a recreated run starts without reports. */
    @Override
    public void event(RunEvent event) {
        if (event.kind() == RunEvent.Kind.REMOVED || event.kind() == RunEvent.Kind.CREATED) {
            latest.remove(event.run());
            latestDiagnosed.remove(event.run());
        }
    }

    Optional<StepReport> latest(String run) {
        return Optional.ofNullable(latest.get(run));
    }

    /** The latest report that carries diagnostics ({@code diagnostics=N}). */
    Optional<StepReport> latestDiagnosed(String run) {
        return Optional.ofNullable(latestDiagnosed.get(run));
    }
}
