package org.rnnlab.api.trainer;

/**
 * A run evaluated on held-out batches drawn from its evaluation generator (the same batches at
 * every evaluation of the same run, so numbers are comparable across steps).
 *
 * @param baseline the metric of the task's trivial predictor, NaN if it has none
 */
public record Evaluation(String run, long step, double loss, double metric, String metricName, double baseline,
        int sequences) {
}
