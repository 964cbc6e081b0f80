package org.rnnlab.api.trainer;

import java.util.Map;

/**
 * A snapshot of a run. Numbers not yet known are NaN.
 *
 * @param spec           the run's current spec, key=value as in the shell
 * @param step           updates applied so far
 * @param targetStep     the step at which the current start ends (0 when none)
 * @param loss           training loss of the last step
 * @param metric         the task's metric on the last training batch
 * @param metricName     e.g. {@code mse}, {@code accuracy}
 * @param gradientNorm   global L2 norm of the gradients of the last step, before remedies
 * @param stepsPerSecond recent throughput
 * @param remedies       each remedy's report, by remedy name
 * @param message        why the run is waiting or failed, or the last change made; empty otherwise
 * @param parameters     number of parameter values (weights and biases) of the model
 */
public record RunStatus(String name, RunState state, Map<String, String> spec, long step, long targetStep,
        double loss, double metric, String metricName, double gradientNorm, double stepsPerSecond,
        Map<String, Map<String, Double>> remedies, String message, long parameters) {
}
