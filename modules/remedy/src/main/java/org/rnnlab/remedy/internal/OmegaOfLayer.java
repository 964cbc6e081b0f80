package org.rnnlab.remedy.internal;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.remedy.ModelGradients;

/**
 * The Pascanu term Ω of one recurrent layer over the window its trace recorded, and its gradient
 * (see {@link PascanuPenalty}). The three step buffers (v, v·J and w, one {@code batch x hidden}
 * matrix per state component) are allocated once per layer and call, never per step: an immutable remedy
 * has nowhere to keep them, and they are small next to the window's work.
 */
final class OmegaOfLayer {
    /** Pairs (t, b) with ‖∂E/∂h_t‖ below 1e-10, that is ‖∂E/∂h_t‖² &lt; 1e-20 (the authors' bound), are left out. */
    private static final double SKIP_BELOW_NORM = 1e-10;

    private final Cell cell;
    private final DMatrixRMaj[] params;
    private final DMatrixRMaj[] gradients;
    private final CellTrace trace;
    private final int batch;
    private final int hidden;
    /** v = (∂E/∂h_t, 0, ...). */
    private final DMatrixRMaj[] upstream;
    /** v·∂s_t/∂s_{t-1}. */
    private final DMatrixRMaj[] product;
    /** w = (factor·u, 0, ...), the weights of the parameter gradient. */
    private final DMatrixRMaj[] weights;
    private double omega;
    private long skipped;

    OmegaOfLayer(ModelGradients.Layer layer) {
        this.cell = layer.cell();
        this.params = layer.params();
        this.gradients = layer.gradients();
        this.trace = layer.trace();
        this.batch = trace.batch();
        this.hidden = cell.hiddenSize();
        this.upstream = stepBuffers();
        this.product = stepBuffers();
        this.weights = stepBuffers();
    }

    /** Computes Ω over every recorded step and adds λ·∂Ω/∂θ to the layer's gradients. */
    void accumulate(double lambda) {
        for (int t = 0; t < trace.steps(); t++) {
            step(t, lambda);
        }
    }

    double omega() {
        return omega;
    }

    long skipped() {
        return skipped;
    }

    private void step(int t, double lambda) {
        int block = batch * hidden;
        double[] g = upstream[0].data;
        double[] u = product[0].data;
        double[] w = weights[0].data;
        System.arraycopy(trace.hiddenGradients().data, t * block, g, 0, block);
        cell.stateVjp(params, trace, t, upstream, product);
        boolean counted = false;
        for (int from = 0; from < block; from += hidden) {
            int to = from + hidden;
            double gNorm = Norms.l2(g, from, to);
            if (gNorm < SKIP_BELOW_NORM) {
                skipped++;
                Arrays.fill(w, from, to, 0.0);
                continue;
            }
            counted = true;
            double uNorm = Norms.l2(u, from, to);
            double excess = uNorm / gNorm - 1;
            omega += excess * excess / batch;
            double factor = uNorm > 0 ? lambda * 2 * excess / (batch * gNorm * uNorm) : 0;
            for (int i = from; i < to; i++) {
                w[i] = factor * u[i];
            }
        }
        if (counted) {
            cell.stateVjpParameterGradient(params, trace, t, upstream, weights, gradients);
        }
    }

    private DMatrixRMaj[] stepBuffers() {
        DMatrixRMaj[] buffers = new DMatrixRMaj[cell.stateSize()];
        for (int s = 0; s < buffers.length; s++) {
            buffers[s] = new DMatrixRMaj(batch, hidden);
        }
        return buffers;
    }
}
