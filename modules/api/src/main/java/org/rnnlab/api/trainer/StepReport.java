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
 * @param diagnostics         the step's full diagnostics when it is one of the run's diagnostic steps
 *                            ({@code diagnostics=N}), else null (since 1.3)
 * @param evaluation          the held-out evaluation made after this step ({@code eval.every=N}), else
 *                            null (since 1.3)
 * @param learningRate        the rate of the run's next update (schedule and learning-rate factor
 *                            applied), NaN when unknown (since 1.3)
 */
public record StepReport(String run, long step, double loss, double metric, double gradientNorm,
        double[] layerGradientNorms, double[] hiddenGradientNorms, double stepsPerSecond, double tokensPerSecond,
        Map<String, Map<String, Double>> remedies, Diagnostics diagnostics, Evaluation evaluation, double learningRate) {

    /** A report without diagnostics, as before 1.3. */
    public StepReport(String run, long step, double loss, double metric, double gradientNorm,
            double[] layerGradientNorms, double[] hiddenGradientNorms, double stepsPerSecond, double tokensPerSecond,
            Map<String, Map<String, Double>> remedies) {
        this(run, step, loss, metric, gradientNorm, layerGradientNorms, hiddenGradientNorms, stepsPerSecond,
                tokensPerSecond, remedies, null, null, Double.NaN);
    }

    /** This report with the held-out evaluation made after its step. */
    public StepReport withEvaluation(Evaluation made) {
        return new StepReport(run, step, loss, metric, gradientNorm, layerGradientNorms, hiddenGradientNorms,
                stepsPerSecond, tokensPerSecond, remedies, diagnostics, made, learningRate);
    }
}
