package org.rnnlab.cell.gru.internal;

import static org.rnnlab.core.cell.Activation.sigmoid;
import static org.rnnlab.core.cell.Activation.tanh;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.core.cell.Units;
import org.rnnlab.core.cell.WindowCell;

/**
 * The gated recurrent unit (Cho et al. 2014) exactly as PyTorch's {@code torch.nn.GRU}:
 * <pre>
 * r_t = σ(x_t W_ir^T + b_ir + h_{t-1} W_hr^T + b_hr)
 * z_t = σ(x_t W_iz^T + b_iz + h_{t-1} W_hz^T + b_hz)
 * n_t = tanh(x_t W_in^T + b_in + r_t ⊙ (h_{t-1} W_hn^T + b_hn))
 * h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
 * </pre>
 * b_hn stays inside the reset product, so unlike the other gates' biases it cannot be folded
 * into b_in. Parameters keep PyTorch's names and layout: {@code weight_ih} (3H x I),
 * {@code weight_hh} (3H x H), {@code bias_ih}, {@code bias_hh} (1 x 3H), gate blocks r, z, n.
 *
 * <p>Per step one fused product {@code h_{t-1} W_hh^T} (B x 3H) serves all three gates; backward
 * is BPTT with one product per step for dL/dh_{t-1} and the weight gradients over the window. A
 * share of the units (threads) owns their columns of r, z and n, and meets the others once per
 * step.
 */
final class GruCell extends WindowCell<GruTrace> {
    static final List<String> GATES = List.of("r", "z", "n");

    GruCell(int inputSize, int hiddenSize, MatrixBackend backend) {
        super("a GRU cell", GruTrace.class, inputSize, hiddenSize, GATES.size(), List.of("h"),
                pytorchLayout(inputSize, hiddenSize, GATES), backend);
    }

    @Override
    public GruTrace newTrace(int batch, int capacity) {
        return new GruTrace(batch, capacity, inputSize(), hiddenSize());
    }

    /** Its steps read other units only through the step's products, after the shares meet. */
    @Override
    protected boolean splitsWindow() {
        return true;
    }

    @Override
    protected void forwardWindow(DMatrixRMaj[] params, GruTrace window, int steps, Units units) {
        int width = gateWidth();
        int batch = window.batch();
        double[] a = window.gates().data;
        // r and z take both biases here; b_hn waits for the reset product.
        units.inputsPlusBias(window, 0, steps * batch, 3, params[BIAS_IH].data, null);
        units.addToRows(a, 0, steps * batch, 2, params[BIAS_HH].data);
        for (int t = 0; t < steps; t++) {
            units.recurrentProduct(window.previousHidden(t), window.previousOffset(t), params[WEIGHT_HH].data,
                    3, 0, window.stepProducts().data, 0, width);
            step(window, t, params[BIAS_HH].data, units);
            units.awaitOthers();
        }
    }

    /**
     * Activates the gates of step t in place, records W_hn h_{t-1} + b_hn and computes h_t, for
     * the units: row by row, σ over r and z and tanh over n as blocks (the vector kernels), the
     * sums before them and h after them in plain loops.
     */
    private void step(GruTrace window, int t, double[] biasHh, Units units) {
        int hidden = hiddenSize();
        int width = gateWidth();
        int from = units.from();
        int count = units.count();
        double[] a = window.gates().data;
        double[] product = window.stepProducts().data;
        double[] resetTerms = window.resetTerms().data;
        double[] h = window.outputs().data;
        double[] previousHidden = window.previousHidden(t);
        int previous = window.previousOffset(t);
        for (int b = units.firstSequence(); b < units.endSequence(); b++) {
            int row = t * window.batch() + b;
            int gate = row * width;
            int unit = row * hidden;
            int local = b * width;
            for (int j = from; j < units.to(); j++) {
                a[gate + j] += product[local + j];
                a[gate + hidden + j] += product[local + hidden + j];
            }
            if (units.all()) {
                sigmoid(a, gate, 2 * hidden);
            } else {
                sigmoid(a, gate + from, count);
                sigmoid(a, gate + hidden + from, count);
            }
            for (int j = from; j < units.to(); j++) {
                double resetTerm = product[local + 2 * hidden + j] + biasHh[2 * hidden + j];
                resetTerms[unit + j] = resetTerm;
                a[gate + 2 * hidden + j] += a[gate + j] * resetTerm;
            }
            tanh(a, gate + 2 * hidden + from, a, gate + 2 * hidden + from, count);
            for (int j = from; j < units.to(); j++) {
                double update = a[gate + hidden + j];
                h[unit + j] = (1 - update) * a[gate + 2 * hidden + j]
                        + update * previousHidden[previous + b * hidden + j];
            }
        }
    }

    /**
     * Per step: the gate gradients and the direct term dL/dh_t ⊙ z_t into dL/dh_{t-1}, then (once
     * the shares meet) dL/dh_{t-1} += dR_t W_hh.
     */
    @Override
    protected void backwardWindow(DMatrixRMaj[] params, GruTrace window, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, Units units) {
        int width = gateWidth();
        int batch = window.batch();
        int block = window.block();
        double[] dh = window.hiddenGradients().data;
        double[] dInput = window.gateGradients().data;
        double[] dRecurrent = window.recurrentGradients().data;
        for (int t = window.steps() - 1; t >= 0; t--) {
            int offset = t * batch * width;
            gateGradients(window, t, units, dh, t * block, dInput, dRecurrent, offset,
                    window.previousHiddenGradient(t), window.previousOffset(t));
            units.awaitOthers();
            units.backProduct(dRecurrent, offset, width, params[WEIGHT_HH].data, 3, window,
                    window.previousHiddenGradient(t), window.previousOffset(t));
        }
    }

    /** b_ih enters the gates with the input projection, with coefficient 1. */
    @Override
    protected int[] inputBiases() {
        return new int[] {BIAS_IH};
    }

    /** db_hh: the column sums of the recurrent-side gradients dR (its n part is scaled by r). */
    @Override
    protected void addOtherBiasGradients(GruTrace window, DMatrixRMaj[] gradParams, Units columns) {
        columns.addColumnSums(window.recurrentGradients().data, 0, window.steps() * window.batch(),
                gradParams[BIAS_HH].data);
    }

    /** dW_hh += Σ_t dR_t^T h_{t-1}. */
    @Override
    protected void addWeightGradients(DMatrixRMaj[] params, GruTrace window, DMatrixRMaj[] gradParams) {
        addPreviousStateProducts(window.recurrentGradients().data, 0, gateWidth(), window,
                gradParams[WEIGHT_HH].data, 0);
    }

    /** One backward step for the given units ({@link GruGateGradients}). */
    private void gateGradients(GruTrace window, int t, Units units, double[] dh, int dhOffset, double[] dInput,
            double[] dRecurrent, int offset, double[] dPrevious, int previousOffset) {
        GruGateGradients.INSTANCE.step(window, t, hiddenSize(), units.from(), units.to(),
                units.firstSequence(), units.endSequence(), dh, dhOffset, dInput,
                dRecurrent, offset, dPrevious, previousOffset);
    }

    /** v · ∂h_t/∂h_{t-1} = v ⊙ z_t + dR(v) W_hh, with dR(v) the recurrent-side gate gradients of v. */
    @Override
    protected void stepVjp(DMatrixRMaj[] params, GruTrace window, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        int hidden = hiddenSize();
        int width = gateWidth();
        double[] dRecurrent = window.stepGradients().data;
        out[0].zero();
        gateGradients(window, t, allUnits(window.batch()), v[0].data, 0, window.stepProducts().data, dRecurrent, 0, out[0].data, 0);
        backend().gemm(false, false, window.batch(), hidden, width, 1, dRecurrent, 0, width, params[WEIGHT_HH].data,
                0, hidden, 1, out[0].data, 0, hidden);
    }

    /**
     * With the recorded gates, states and q = W_hn h_{t-1} + b_hn held constant (Pascanu et al.
     * 2013, eq. 10), v·∂h_t/∂h_{t-1} = v ⊙ z_t + dR(v) W_hh is linear in W_hh alone, so the
     * gradient is dR(v)^T w; the biases do not appear.
     */
    @Override
    protected void stepVjpParameterGradient(DMatrixRMaj[] params, GruTrace window, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        int hidden = hiddenSize();
        int width = gateWidth();
        double[] dRecurrent = window.stepGradients().data;
        window.stepScratch().zero();
        gateGradients(window, t, allUnits(window.batch()), v[0].data, 0, window.stepProducts().data, dRecurrent, 0, window.stepScratch().data,
                0);
        backend().gemm(true, false, width, hidden, window.batch(), 1, dRecurrent, 0, width, w[0].data, 0, hidden, 1,
                gradParams[WEIGHT_HH].data, 0, hidden);
    }
}
