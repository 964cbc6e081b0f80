package org.rnnlab.cell.rnn.internal;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.core.cell.Activation;
import org.rnnlab.core.cell.Units;
import org.rnnlab.core.cell.WindowCell;

/**
 * The Elman kernel {@code h_t = φ(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)} over a whole window.
 * The input projections of all steps are one product (done by {@link WindowCell}), leaving only
 * the recurrent product per step; backward is BPTT (Werbos 1990) with the same split: only
 * dL/dh_{t-1} is propagated step by step, every weight gradient is one product over the window.
 */
final class ElmanCell extends WindowCell<ElmanTrace> {
    private final Activation activation;

    ElmanCell(int inputSize, int hiddenSize, Activation activation, MatrixBackend backend) {
        super("an Elman cell", ElmanTrace.class, inputSize, hiddenSize, 1, List.of("h"),
                pytorchLayout(inputSize, hiddenSize, List.of()), backend);
        this.activation = activation;
    }

    @Override
    public ElmanTrace newTrace(int batch, int capacity) {
        return new ElmanTrace(batch, capacity, inputSize(), hiddenSize(), activation == Activation.TANH);
    }

    /** Its steps read other units only through the step's products, after the shares meet. */
    @Override
    protected boolean splitsWindow() {
        return true;
    }

    /** A_t += b_ih + b_hh + h_{t-1} W_hh^T, then h_t = φ(A_t), for the units; a share of the units meets the others after h_t. */
    @Override
    protected void forwardWindow(DMatrixRMaj[] params, ElmanTrace window, int steps, Units units) {
        int hidden = hiddenSize();
        int batch = window.batch();
        int block = window.block();
        double[] a = window.gates().data;
        double[] h = window.outputs().data;
        for (int t = 0; t < steps; t++) {
            units.inputsPlusBias(window, t * batch, batch, 1, params[BIAS_IH].data, params[BIAS_HH].data);
            units.recurrentProduct(window.previousHidden(t), window.previousOffset(t), params[WEIGHT_HH].data,
                    1, 1, a, t * block, hidden);
            if (units.all()) {
                activation.apply(a, h, t * block + units.firstSequence() * hidden, units.sequences() * hidden);
            } else {
                for (int b = units.firstSequence(); b < units.endSequence(); b++) {
                    activation.apply(a, h, t * block + b * hidden + units.from(), units.count());
                }
            }
            units.awaitOthers();
        }
    }

    /**
     * When step t is reached, dL/dh_t is complete; dL/da_t = dL/dh_t ⊙ φ'(a_t) and
     * dL/dh_{t-1} += dL/da_t W_hh (after the shares meet: it reads every unit of dL/da_t).
     */
    @Override
    protected void backwardWindow(DMatrixRMaj[] params, ElmanTrace window, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, Units units) {
        int hidden = hiddenSize();
        int block = window.block();
        double[] h = window.outputs().data;
        double[] dh = window.hiddenGradients().data;
        double[] da = window.gateGradients().data;
        for (int t = window.steps() - 1; t >= 0; t--) {
            if (units.all()) {
                int at = t * block + units.firstSequence() * hidden;
                activation.backward(h, at, dh, da, at, units.sequences() * hidden);
            } else {
                for (int b = units.firstSequence(); b < units.endSequence(); b++) {
                    int at = t * block + b * hidden + units.from();
                    activation.backward(h, at, dh, da, at, units.count());
                }
            }
            units.awaitOthers();
            units.backProduct(da, t * block, hidden, params[WEIGHT_HH].data, 1, window,
                    window.previousHiddenGradient(t), window.previousOffset(t));
        }
    }

    /** Both biases enter a_t with coefficient 1. */
    @Override
    protected int[] inputBiases() {
        return new int[] {BIAS_IH, BIAS_HH};
    }

    /** dW_hh += Σ_t dA_t^T h_{t-1}. */
    @Override
    protected void addWeightGradients(DMatrixRMaj[] params, ElmanTrace window, DMatrixRMaj[] gradParams) {
        addPreviousStateProducts(window.gateGradients().data, 0, hiddenSize(), window, gradParams[WEIGHT_HH].data, 0);
    }

    /** ∂h_t/∂h_{t-1} = diag(φ'(a_t)) W_hh, so v · ∂h_t/∂h_{t-1} = (v ⊙ φ'(a_t)) W_hh. */
    @Override
    protected void stepVjp(DMatrixRMaj[] params, ElmanTrace window, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        int hidden = hiddenSize();
        double[] scaled = scaledByDerivative(window, t, v[0]);
        backend().gemm(false, false, window.batch(), hidden, hidden, 1, scaled, 0, hidden,
                params[WEIGHT_HH].data, 0, hidden, 0, out[0].data, 0, hidden);
    }

    /**
     * With u = v ⊙ φ'(a_t) held constant, ⟨w, u W_hh⟩ is linear in W_hh and its gradient is
     * u^T w (Pascanu et al. 2013, eq. 10); no other parameter appears explicitly.
     */
    @Override
    protected void stepVjpParameterGradient(DMatrixRMaj[] params, ElmanTrace window, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        int hidden = hiddenSize();
        double[] scaled = scaledByDerivative(window, t, v[0]);
        backend().gemm(true, false, hidden, hidden, window.batch(), 1, scaled, 0, hidden, w[0].data, 0, hidden, 1,
                gradParams[WEIGHT_HH].data, 0, hidden);
    }

    /** v ⊙ φ'(a_t), in the trace's step scratch. */
    private double[] scaledByDerivative(ElmanTrace window, int t, DMatrixRMaj v) {
        double[] scaled = window.stepScratch().data;
        activation.backward(window.outputs().data, t * window.block(), v.data, scaled, 0, window.block());
        return scaled;
    }
}
