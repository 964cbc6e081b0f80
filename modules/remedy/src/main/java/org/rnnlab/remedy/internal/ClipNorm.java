package org.rnnlab.remedy.internal;

import java.util.Map;

import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.ModelGradients;
import org.rnnlab.api.remedy.Remedy;

/**
 * Pascanu, Mikolov &amp; Bengio 2013, algorithm 1: when the norm of all gradients together exceeds
 * {@code max}, rescale them so it does not, keeping their direction. The coefficient is PyTorch
 * 1.13's clip_grad_norm_: min(1, max / (norm + 1e-6)). The norm is L2, or with
 * {@code infinityNorm} the largest absolute element.
 */
record ClipNorm(double max, boolean infinityNorm) implements Remedy {
    /** PyTorch's guard against a zero norm; it leaves the clipped norm slightly below max. */
    private static final double EPSILON = 1e-6;

    @Override
    public HookPoint hookPoint() {
        return HookPoint.GRADIENTS;
    }

    /**
     * A non-finite norm has no direction worth keeping: the gradients stay as they are, reported
     * as not clipped, for a guard remedy to refuse the step.
     */
    @Override
    public boolean adjust(ModelGradients model, Map<String, Double> report) {
        double norm = infinityNorm ? GradientNorms.maxAbs(model) : GradientNorms.l2(model);
        double coefficient = max / (norm + EPSILON);
        boolean clipped = Double.isFinite(norm) && coefficient < 1;
        if (clipped) {
            GradientNorms.scale(model, coefficient);
        }
        report.put("norm", norm);
        report.put("clipped", clipped ? 1.0 : 0.0);
        return true;
    }
}
