package org.rnnlab.remedy.internal;

import org.rnnlab.api.remedy.ModelGradients;

/**
 * Pascanu, Mikolov &amp; Bengio 2013, algorithm 1: when the norm of all gradients together exceeds
 * {@code max}, rescale them so it does not, keeping their direction. The factor is PyTorch 1.13's
 * clip_grad_norm_: min(1, max / (norm + 1e-6)). The norm is L2, or with {@code infinityNorm} the
 * largest absolute element; it is what the report's {@code norm} holds. {@code clipped} is 1 when
 * the gradients were rescaled, else 0.
 */
record ClipNorm(double max, boolean infinityNorm) implements Clipping {
    @Override
    public double norm(ModelGradients model) {
        return infinityNorm ? GradientNorms.maxAbs(model) : GradientNorms.l2(model);
    }

    @Override
    public int clip(ModelGradients model, double norm) {
        double factor = Clipping.rescaleFactor(max, norm);
        if (factor < 1) {
            GradientNorms.scale(model, factor);
            return 1;
        }
        return 0;
    }
}
