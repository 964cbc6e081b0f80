package org.rnnlab.cell.lstm.internal;

import static org.rnnlab.core.cell.Activation.sigmoid;
import static org.rnnlab.core.cell.Activation.tanh;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.core.cell.Units;
import org.rnnlab.core.cell.WindowCell;

/**
 * The LSTM kernel over a whole window (equations in the package documentation). Per step it
 * takes one fused product for all four gates, {@code h_{t-1} W_hh^T} (B x 4H), added to the
 * input projections that {@link WindowCell} computed for all steps at once; one pass over the
 * step's elements then applies the gates and updates c and h. Backward is BPTT: per step, one
 * elementwise pass yields dL/d(gates) and dL/dc_{t-1}, and one product dL/dh_{t-1} += dA_t W_hh;
 * the weight gradients and the biases' column sums are over the whole window. A share (threads)
 * owns its sequences' rows, or its units' columns of all four gate blocks and their c and h; a
 * share of the units meets the others once per step: after h_t in forward, after dL/d(gates) in
 * backward.
 */
final class LstmCell extends WindowCell<LstmTrace> {
    static final List<String> GATES = List.of("i", "f", "g", "o");

    LstmCell(int inputSize, int hiddenSize, MatrixBackend backend) {
        super("an LSTM cell", LstmTrace.class, inputSize, hiddenSize, GATES.size(), List.of("h", "c"),
                pytorchLayout(inputSize, hiddenSize, GATES), backend);
    }

    @Override
    public LstmTrace newTrace(int batch, int capacity) {
        return new LstmTrace(batch, capacity, inputSize(), hiddenSize());
    }

    /** Its steps read other units only through the step's products, after the shares meet. */
    @Override
    protected boolean splitsWindow() {
        return true;
    }

    @Override
    protected void forwardWindow(DMatrixRMaj[] params, LstmTrace window, int steps, Units units) {
        int width = gateWidth();
        int batch = window.batch();
        double[] a = window.gates().data;
        for (int t = 0; t < steps; t++) {
            units.inputsPlusBias(window, t * batch, batch, GATES.size(), params[BIAS_IH].data, params[BIAS_HH].data);
            units.recurrentProduct(window.previousHidden(t), window.previousOffset(t), params[WEIGHT_HH].data,
                    GATES.size(), 1, a, t * batch * width, width);
            step(window, t, units);
            units.awaitOthers();
        }
        int last = (steps - 1) * window.block();
        for (int b = units.firstSequence(); b < units.endSequence(); b++) {
            int row = b * hiddenSize() + units.from();
            System.arraycopy(window.cells().data, last + row, window.finalState()[1].data, row, units.count());
        }
    }

    /**
     * Activates the gates of step t in place and computes c_t, tanh(c_t) and h_t for the units,
     * row by row in passes over contiguous blocks (σ over i and f, tanh over g, σ over o, then c,
     * tanh(c), h), so the nonlinearities run on the vector kernels and the products vectorize.
     */
    private void step(LstmTrace window, int t, Units units) {
        int hidden = hiddenSize();
        int width = gateWidth();
        int count = units.count();
        double[] a = window.gates().data;
        double[] c = window.cells().data;
        double[] squashed = window.squashedCells().data;
        double[] h = window.outputs().data;
        double[] previousCell = window.previousCell(t);
        int previous = window.previousOffset(t);
        for (int b = units.firstSequence(); b < units.endSequence(); b++) {
            int row = t * window.batch() + b;
            int in = row * width + units.from();
            int forget = in + hidden;
            int candidate = forget + hidden;
            int out = candidate + hidden;
            int unit = row * hidden + units.from();
            int before = previous + b * hidden + units.from();
            if (units.all()) {
                sigmoid(a, in, 2 * hidden);
            } else {
                sigmoid(a, in, count);
                sigmoid(a, forget, count);
            }
            tanh(a, candidate, a, candidate, count);
            sigmoid(a, out, count);
            for (int j = 0; j < count; j++) {
                c[unit + j] = a[forget + j] * previousCell[before + j] + a[in + j] * a[candidate + j];
            }
            tanh(c, unit, squashed, unit, count);
            for (int j = 0; j < count; j++) {
                h[unit + j] = a[out + j] * squashed[unit + j];
            }
        }
    }

    @Override
    protected void backwardWindow(DMatrixRMaj[] params, LstmTrace window, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, Units units) {
        int width = gateWidth();
        int batch = window.batch();
        int block = window.block();
        double[] dh = window.hiddenGradients().data;
        double[] dA = window.gateGradients().data;
        // dL/dc_t flowing back from step t+1; after the loop it is dL/dc_{-1}.
        double[] dc = window.initialStateGradients()[1].data;
        if (gradFinalState != null) {
            for (int b = units.firstSequence(); b < units.endSequence(); b++) {
                int row = b * hiddenSize() + units.from();
                System.arraycopy(gradFinalState[1].data, row, dc, row, units.count());
            }
        }
        for (int t = window.steps() - 1; t >= 0; t--) {
            gateGradients(window, t, units, dh, t * block, dc, dA, t * batch * width, dc);
            units.awaitOthers();
            units.backProduct(dA, t * batch * width, width, params[WEIGHT_HH].data, GATES.size(), window,
                    window.previousHiddenGradient(t), window.previousOffset(t));
        }
    }

    /** Both biases enter every gate's pre-activation with coefficient 1. */
    @Override
    protected int[] inputBiases() {
        return new int[] {BIAS_IH, BIAS_HH};
    }

    @Override
    protected void addWeightGradients(DMatrixRMaj[] params, LstmTrace window, DMatrixRMaj[] gradParams) {
        addPreviousStateProducts(window.gateGradients().data, 0, gateWidth(), window, gradParams[WEIGHT_HH].data, 0);
    }

    /** One backward step for the given units ({@link GateGradients}). */
    private void gateGradients(LstmTrace window, int t, Units units, double[] dh, int dhOffset, double[] dcIn,
            double[] dA, int dAOffset, double[] dcOut) {
        GateGradients.INSTANCE.step(window, t, hiddenSize(), units.from(), units.to(), units.firstSequence(),
                units.endSequence(), dh, dhOffset, dcIn, dA,
                dAOffset, dcOut);
    }

    /**
     * v · ∂(h_t, c_t)/∂(h_{t-1}, c_{t-1}) is one backward step with dL/dh_t = v_h and
     * dL/dc_t = v_c: u, the gradient of the gates' pre-activations, gives out_h = u W_hh (h_{t-1}
     * enters only through the gates) and out_c = (v_c + v_h ⊙ o_t ⊙ tanh'(c_t)) ⊙ f_t.
     */
    @Override
    protected void stepVjp(DMatrixRMaj[] params, LstmTrace window, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        int hidden = hiddenSize();
        int width = gateWidth();
        double[] u = window.stepGradients().data;
        gateGradients(window, t, allUnits(window.batch()), v[0].data, 0, v[1].data, u, 0, out[1].data);
        backend().gemm(false, false, window.batch(), hidden, width, 1, u, 0, width, params[WEIGHT_HH].data, 0,
                hidden, 0, out[0].data, 0, hidden);
    }

    /**
     * With the recorded gates and cells held constant (Pascanu et al. 2013, eq. 10), W_hh is the
     * only parameter in v·∂s_t/∂s_{t-1}, and only in out_h = u W_hh: the gradient is u^T w_h.
     * out_c = (…) ⊙ f_t holds no parameter explicitly, so w_c contributes nothing.
     */
    @Override
    protected void stepVjpParameterGradient(DMatrixRMaj[] params, LstmTrace window, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        int hidden = hiddenSize();
        int width = gateWidth();
        double[] u = window.stepGradients().data;
        gateGradients(window, t, allUnits(window.batch()), v[0].data, 0, v[1].data, u, 0, window.stepScratch().data);
        backend().gemm(true, false, width, hidden, window.batch(), 1, u, 0, width, w[0].data, 0, hidden, 1,
                gradParams[WEIGHT_HH].data, 0, hidden);
    }
}
