package org.rnnlab.remedy.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.remedy.ModelGradients;

/**
 * Clipping by norm per parameter: PyTorch's clip_grad_norm_ applied to each trainable
 * parameter's gradient on its own, so each is rescaled by min(1, max / (‖g‖ + 1e-6)) with its own
 * L2 norm. {@code clipped} counts the parameters that were rescaled.
 */
record ClipParam(double max) implements Clipping {
    @Override
    public int clip(ModelGradients model, double norm) {
        int clipped = 0;
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable()) {
                DMatrixRMaj gradient = model.gradient(p);
                int n = gradient.getNumElements();
                double factor = Clipping.rescaleFactor(max, Norms.l2(gradient.data, 0, n));
                if (factor < 1) {
                    Norms.scale(gradient.data, 0, n, factor);
                    clipped++;
                }
            }
        }
        return clipped;
    }
}
