package org.rnnlab.api.trainer;

import java.util.Map;

/**
 * What a run reports after a step, to every {@link TrainingListener}.
 *
 * @param layerGradientNorms  L2 norm of each recurrent layer's parameter gradients (before remedies),
 *                            in the order of the layers (directions separate), then the head
 * @param hiddenGradientNorms ‖dL/dh_t‖ for each step t of the last window of the first layer:
 *                            how the gradient vanishes or explodes through time
 * @param tokensPerSecond     recent throughput in sequence steps (batch × steps) per second
 */
public record StepReport(String run, long step, double loss, double metric, double gradientNorm,
        double[] layerGradientNorms, double[] hiddenGradientNorms, double stepsPerSecond, double tokensPerSecond,
        Map<String, Map<String, Double>> remedies) {
}
