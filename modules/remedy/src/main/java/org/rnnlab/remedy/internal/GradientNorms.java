package org.rnnlab.remedy.internal;

import org.rnnlab.api.remedy.ModelGradients;

/**
 * Norms over all gradients of a model at once, shared by the clipping remedies. Frozen
 * parameters are left out, as PyTorch leaves out parameters that have no gradient.
 */
final class GradientNorms {
    private GradientNorms() {
    }

    /** The sum of (scale * g)^2 over every trainable gradient element; NaN if any element is NaN. */
    static double sumOfSquares(ModelGradients model, double scale) {
        double sum = 0;
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable()) {
                double[] g = model.gradient(p).data;
                for (int i = 0, n = model.gradient(p).getNumElements(); i < n; i++) {
                    double x = scale * g[i];
                    sum += x * x;
                }
            }
        }
        return sum;
    }

    /** The largest |g| over every trainable gradient element (the infinity norm); NaN if any is NaN. */
    static double maxAbs(ModelGradients model) {
        double max = 0;
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable()) {
                double[] g = model.gradient(p).data;
                for (int i = 0, n = model.gradient(p).getNumElements(); i < n; i++) {
                    max = Math.max(max, Math.abs(g[i]));
                }
            }
        }
        return max;
    }

    /**
     * The global L2 norm sqrt(sum of g^2). Exploding gradients beyond about 1e154 overflow the plain
     * sum although every element is finite; then the sum is taken again scaled by the largest
     * element, so that clipping still sees the true, finite norm.
     */
    static double l2(ModelGradients model) {
        double sum = sumOfSquares(model, 1);
        if (sum != Double.POSITIVE_INFINITY) {
            return Math.sqrt(sum);
        }
        double largest = maxAbs(model);
        if (largest == Double.POSITIVE_INFINITY) {
            return largest;
        }
        return largest * Math.sqrt(sumOfSquares(model, 1 / largest));
    }

    /** Multiplies every trainable gradient by {@code factor}. */
    static void scale(ModelGradients model, double factor) {
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable()) {
                double[] g = model.gradient(p).data;
                for (int i = 0, n = model.gradient(p).getNumElements(); i < n; i++) {
                    g[i] *= factor;
                }
            }
        }
    }
}
