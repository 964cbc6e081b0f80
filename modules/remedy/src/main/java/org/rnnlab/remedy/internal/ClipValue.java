package org.rnnlab.remedy.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.remedy.ModelGradients;

/**
 * PyTorch's clip_grad_value_: every trainable gradient element is clamped to
 * {@code [-value, value]}; {@code clipped} counts the elements that were changed.
 */
record ClipValue(double value) implements Clipping {
    @Override
    public int clip(ModelGradients model, double norm) {
        int clipped = 0;
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable()) {
                DMatrixRMaj gradient = model.gradient(p);
                double[] g = gradient.data;
                for (int i = 0, n = gradient.getNumElements(); i < n; i++) {
                    if (g[i] > value) {
                        g[i] = value;
                        clipped++;
                    } else if (g[i] < -value) {
                        g[i] = -value;
                        clipped++;
                    }
                }
            }
        }
        return clipped;
    }
}
