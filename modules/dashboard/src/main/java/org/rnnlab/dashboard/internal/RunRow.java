package org.rnnlab.dashboard.internal;

import java.util.Locale;
import java.util.Map;

import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;

/**
 * One line of the runs table, as the page gets it: the trainer's status plus the estimated
 * time left ({@code etaSeconds}, NaN unless the run trains at a measured speed).
 */
record RunRow(String name, String state, long step, long targetStep, double loss, double metric, String metricName,
        double gradientNorm, double stepsPerSecond, double etaSeconds, String message, long parameters,
        Map<String, String> spec) {

    static RunRow of(RunStatus status) {
        boolean training = status.state() == RunState.RUNNING && status.stepsPerSecond() > 0;
        double eta = training ? Math.max(0, status.targetStep() - status.step()) / status.stepsPerSecond() : Double.NaN;
        return new RunRow(status.name(), status.state().name().toLowerCase(Locale.ROOT), status.step(),
                status.targetStep(), status.loss(), status.metric(), status.metricName(), status.gradientNorm(),
                status.stepsPerSecond(), eta, status.message(), status.parameters(), status.spec());
    }
}
