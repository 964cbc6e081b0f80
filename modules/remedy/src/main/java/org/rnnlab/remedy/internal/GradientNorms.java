package org.rnnlab.remedy.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.remedy.ModelGradients;

/**
 * Norms over all gradients of a model at once, shared by the gradient remedies. Frozen
 * parameters are left out, as PyTorch leaves out parameters that have no gradient.
 */
final class GradientNorms {
    private GradientNorms() {
    }

    /**
     * The global L2 norm: the L2 norm of the per-parameter norms, as PyTorch's clip_grad_norm_
     * computes it; {@link Math#hypot} combines them without squaring, so huge but finite
     * gradients still give their true norm.
     */
    static double l2(ModelGradients model) {
        double norm = 0;
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable()) {
                DMatrixRMaj g = model.gradient(p);
                norm = Math.hypot(norm, Norms.l2(g.data, 0, g.getNumElements()));
            }
        }
        return norm;
    }

    /** The largest |g| over every trainable gradient element (the infinity norm); NaN if any is NaN. */
    static double maxAbs(ModelGradients model) {
        double max = 0;
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable()) {
                DMatrixRMaj g = model.gradient(p);
                max = Math.max(max, Norms.maxAbs(g.data, 0, g.getNumElements()));
            }
        }
        return max;
    }

    /** Whether every trainable gradient element is finite. */
    static boolean allFinite(ModelGradients model) {
        return Double.isFinite(maxAbs(model));
    }

    /** Multiplies every trainable gradient by {@code factor}. */
    static void scale(ModelGradients model, double factor) {
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable()) {
                DMatrixRMaj g = model.gradient(p);
                Norms.scale(g.data, 0, g.getNumElements(), factor);
            }
        }
    }
}
