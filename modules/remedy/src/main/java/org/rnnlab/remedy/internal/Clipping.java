package org.rnnlab.remedy.internal;

import java.util.Map;

import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.ModelGradients;
import org.rnnlab.api.remedy.Remedy;

/**
 * What the clipping remedies share. They act on the gradients before the update and report
 * {@code norm}, the global norm of the gradients before clipping, and {@code clipped}, how many of
 * the rule's items (elements, parameters, units; the whole gradient for clip-norm) were rescaled,
 * 0 when none. Non-finite gradients have no direction worth keeping: they are left exactly as
 * they are and reported as not clipped, so that {@code nonfinite-guard} (or the run) refuses the
 * step whatever the order of the remedies.
 */
interface Clipping extends Remedy {
    /** PyTorch 1.13 clip_grad_norm_'s guard against a zero norm; it keeps the clipped norm just below max. */
    double EPSILON = 1e-6;

    @Override
    default HookPoint hookPoint() {
        return HookPoint.GRADIENTS;
    }

    @Override
    default boolean adjust(ModelGradients model, Map<String, Double> report) {
        double norm = norm(model);
        report.put("norm", norm);
        report.put("clipped", Double.isFinite(norm) ? clip(model, norm) : 0.0);
        return true;
    }

    /** The global norm of all gradients before clipping: L2 unless the rule measures otherwise. */
    default double norm(ModelGradients model) {
        return GradientNorms.l2(model);
    }

    /** Clips finite gradients in place, given their {@link #norm}; returns how many items it rescaled. */
    int clip(ModelGradients model, double norm);

    /** The factor PyTorch's clip_grad_norm_ rescales by, min(1, max / (norm + 1e-6)). */
    static double rescaleFactor(double max, double norm) {
        return Math.min(1, max / (norm + EPSILON));
    }
}
