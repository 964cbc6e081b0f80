package org.rnnlab.remedy.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.remedy.ModelGradients;

/**
 * Unit-wise adaptive gradient clipping (AGC; Brock, De, Smith &amp; Simonyan 2021, "High-performance
 * large-scale image recognition without normalization"): for each unit i,
 * <pre>
 *   if ‖G_i‖ / max(‖W_i‖, eps) &gt; clipping:   G_i ← clipping · max(‖W_i‖, eps) / ‖G_i‖ · G_i
 * </pre>
 * with L2 norms. A unit is one row of a parameter: parameters are stored output-major
 * ({@code [out][in]}, PyTorch's layout), so a row of a weight matrix holds the weights into one
 * output unit (one gate's unit, for gated cells), as in the paper. Biases are {@code 1 x n} rows
 * and so are clipped as a whole vector, as the authors' reference code does for every vector;
 * eps keeps zero-initialized weights and biases from freezing. Every trainable parameter is
 * clipped, the output head included (the paper leaves out the final linear layer in its
 * experiments; the rule itself does not). {@code clipped} counts the units that were rescaled.
 */
record ClipAdaptive(double clipping, double eps) implements Clipping {
    @Override
    public int clip(ModelGradients model, double norm) {
        int clipped = 0;
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable()) {
                DMatrixRMaj weights = model.value(p);
                DMatrixRMaj gradient = model.gradient(p);
                int cols = gradient.numCols;
                for (int from = 0; from < gradient.getNumElements(); from += cols) {
                    clipped += clipUnit(weights.data, gradient.data, from, from + cols) ? 1 : 0;
                }
            }
        }
        return clipped;
    }

    private boolean clipUnit(double[] w, double[] g, int from, int to) {
        double weightNorm = Math.max(Norms.l2(w, from, to), eps);
        double gradientNorm = Norms.l2(g, from, to);
        if (gradientNorm / weightNorm > clipping) {
            Norms.scale(g, from, to, clipping * weightNorm / gradientNorm);
            return true;
        }
        return false;
    }
}
