package org.rnnlab.cell.gru.internal;

import static org.rnnlab.core.cell.Activation.sigmoid;
import static org.rnnlab.core.cell.Activation.sigmoidSlope;
import static org.rnnlab.core.cell.Activation.tanh;
import static org.rnnlab.core.cell.Activation.tanhSlope;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.core.cell.Units;
import org.rnnlab.core.cell.WindowCell;

/**
 * The minimal gated unit (Zhou, Wu, Zhang &amp; Zhou 2016): a GRU whose reset and update
 * gates are one forget gate f.
 * <pre>
 * f_t = σ(x_t W_if^T + h_{t-1} W_hf^T + b_f)
 * n_t = tanh(x_t W_in^T + (f_t ⊙ h_{t-1}) W_hn^T + b_n)
 * h_t = (1 − f_t) ⊙ h_{t-1} + f_t ⊙ n_t
 * </pre>
 * Parameterization: {@code weight_ih} = [W_if; W_in] (2H x I), {@code weight_hh} = [W_hf; W_hn]
 * (2H x H) and {@code bias} = [b_f, b_n] (1 x 2H), gate blocks f, n in that order. Bias convention:
 * one bias per gate, added outside every product, as in the paper (PyTorch's second bias would
 * only duplicate it, and b_n is not put inside the gated product as GRU's b_hn is).
 *
 * <p>The paper's name notwithstanding, f_t = 1 replaces h_{t-1} by the candidate: where an
 * LSTM's forget gate keeps its memory at 1, this one keeps it at 0. A bias that makes the unit
 * start out remembering is therefore negative in the f block ({@code init.bias=forget-bias:value=-1}).
 *
 * <p>Because f_t multiplies h_{t-1} before W_hn, the recurrent products of a step cannot be fused:
 * forward takes two (h_{t-1} W_hf^T, then (f_t ⊙ h_{t-1}) W_hn^T), as does each backward step.
 * The input projections of all steps and both gates are still one product, and the weight
 * gradients are products over the whole window. With threads sharing the units, the candidate's
 * product needs f_t ⊙ h_{t-1} of every unit, so a share meets the others twice per step (after
 * f_t ⊙ h_{t-1} and after h_t; backward, after dA_n and after dA_f).
 */
final class MguCell extends WindowCell<MguTrace> {
    static final List<String> GATES = List.of("f", "n");
    private static final int BIAS = 2;

    MguCell(int inputSize, int hiddenSize, MatrixBackend backend) {
        super("an MGU cell", MguTrace.class, inputSize, hiddenSize, GATES.size(), List.of("h"),
                parameters(inputSize, hiddenSize), backend);
    }

    private static List<ParameterSpec> parameters(int inputSize, int hiddenSize) {
        int rows = GATES.size() * hiddenSize;
        return List.of(
                new ParameterSpec("weight_ih", rows, inputSize, ParameterRole.INPUT_WEIGHTS, GATES, true),
                new ParameterSpec("weight_hh", rows, hiddenSize, ParameterRole.RECURRENT_WEIGHTS, GATES, true),
                new ParameterSpec("bias", 1, rows, ParameterRole.BIAS, GATES, true));
    }

    @Override
    public MguTrace newTrace(int batch, int capacity) {
        return new MguTrace(batch, capacity, inputSize(), hiddenSize());
    }

    /** Its steps read other units only through products, after the shares meet. */
    @Override
    protected boolean splitsWindow() {
        return true;
    }

    @Override
    protected void forwardWindow(DMatrixRMaj[] params, MguTrace window, int steps, Units units) {
        int width = gateWidth();
        int batch = window.batch();
        int block = window.block();
        double[] a = window.gates().data;
        double[] w = params[WEIGHT_HH].data;
        units.inputsPlusBias(window, 0, steps * batch, 2, params[BIAS].data, null);
        for (int t = 0; t < steps; t++) {
            int offset = t * batch * width;
            units.recurrentProduct(window.previousHidden(t), window.previousOffset(t), w, 0, 1, 1, a, offset,
                    width);
            forgetStep(window, t, units);
            units.awaitOthers();
            units.recurrentProduct(window.gatedStates().data, t * block, w, 1, 1, 1, a, offset, width);
            candidateStep(window, t, units);
            units.awaitOthers();
        }
    }

    /** f_t = σ(a_f) in place, and f_t ⊙ h_{t-1}, for the units. */
    private void forgetStep(MguTrace window, int t, Units units) {
        int hidden = hiddenSize();
        int width = gateWidth();
        double[] a = window.gates().data;
        double[] gated = window.gatedStates().data;
        double[] previousHidden = window.previousHidden(t);
        int previous = window.previousOffset(t);
        for (int b = units.firstSequence(); b < units.endSequence(); b++) {
            int row = t * window.batch() + b;
            sigmoid(a, row * width + units.from(), units.count());
            for (int j = units.from(); j < units.to(); j++) {
                gated[row * hidden + j] = a[row * width + j] * previousHidden[previous + b * hidden + j];
            }
        }
    }

    /** n_t = tanh(a_n) in place, and h_t = (1 − f_t) ⊙ h_{t-1} + f_t ⊙ n_t, for the units. */
    private void candidateStep(MguTrace window, int t, Units units) {
        int hidden = hiddenSize();
        int width = gateWidth();
        double[] a = window.gates().data;
        double[] h = window.outputs().data;
        double[] previousHidden = window.previousHidden(t);
        int previous = window.previousOffset(t);
        for (int b = units.firstSequence(); b < units.endSequence(); b++) {
            int row = t * window.batch() + b;
            int candidates = row * width + hidden + units.from();
            tanh(a, candidates, a, candidates, units.count());
            for (int j = units.from(); j < units.to(); j++) {
                int gate = row * width + j;
                double forget = a[gate];
                h[row * hidden + j] = (1 - forget) * previousHidden[previous + b * hidden + j]
                        + forget * a[gate + hidden];
            }
        }
    }

    /** Per step the gate gradients and dL/dh_{t-1}. */
    @Override
    protected void backwardWindow(DMatrixRMaj[] params, MguTrace window, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, Units units) {
        int width = gateWidth();
        int batch = window.batch();
        int block = window.block();
        double[] dh = window.hiddenGradients().data;
        double[] dA = window.gateGradients().data;
        for (int t = window.steps() - 1; t >= 0; t--) {
            backStep(params, window, t, units, dh, t * block, dA, t * batch * width,
                    window.previousHiddenGradient(t), window.previousOffset(t));
        }
    }

    /** b enters both gates' pre-activations with coefficient 1. */
    @Override
    protected int[] inputBiases() {
        return new int[] {BIAS};
    }

    /** dW_hf += Σ_t dA_f^T h_{t-1} and dW_hn += Σ_t dA_n^T (f_t ⊙ h_{t-1}). */
    @Override
    protected void addWeightGradients(DMatrixRMaj[] params, MguTrace window, DMatrixRMaj[] gradParams) {
        int hidden = hiddenSize();
        double[] dA = window.gateGradients().data;
        double[] gradWeightHh = gradParams[WEIGHT_HH].data;
        addPreviousStateProducts(dA, 0, hidden, window, gradWeightHh, 0);
        backend().gemm(true, false, hidden, hidden, window.steps() * window.batch(), 1, dA, hidden, gateWidth(),
                window.gatedStates().data, 0, hidden, 1, gradWeightHh, hidden * hidden, hidden);
    }

    /**
     * One step of MGU back-propagation from dL/dh_t ({@code dh} at {@code dhOffset}): the gate
     * gradients go to {@code dA} at {@code dAOffset} and dL/dh_{t-1} is added to {@code dPrevious}
     * at {@code previousOffset}. With d = dL/dh_t:
     * dA_n = d ⊙ f ⊙ tanh'(n); the gated state's gradient e = dA_n W_hn;
     * dA_f = (d ⊙ (n − h_{t-1}) + e ⊙ h_{t-1}) ⊙ σ'(f);
     * dL/dh_{t-1} += d ⊙ (1 − f) + e ⊙ f + dA_f W_hf. For the units; the shares meet before each
     * product, which reads every unit of dA_n, then of dA_f.
     */
    private void backStep(DMatrixRMaj[] params, MguTrace window, int t, Units units, double[] dh, int dhOffset,
            double[] dA, int dAOffset, double[] dPrevious, int previousOffset) {
        int hidden = hiddenSize();
        int width = gateWidth();
        int batch = window.batch();
        double[] a = window.gates().data;
        double[] previousHidden = window.previousHidden(t);
        int previous = window.previousOffset(t);
        for (int b = units.firstSequence(); b < units.endSequence(); b++) {
            int gate = (t * batch + b) * width;
            int grad = dAOffset + b * width;
            for (int j = units.from(); j < units.to(); j++) {
                int k = b * hidden + j;
                double forget = a[gate + j];
                double candidate = a[gate + hidden + j];
                double dHidden = dh[dhOffset + k];
                dA[grad + hidden + j] = dHidden * forget * tanhSlope(candidate);
                // The forget gate's gradient without the gated-state term, completed below.
                dA[grad + j] = dHidden * (candidate - previousHidden[previous + k]);
                dPrevious[previousOffset + k] += dHidden * (1 - forget);
            }
        }
        double[] w = params[WEIGHT_HH].data;
        double[] gatedGradient = window.gatedGradient().data;
        units.awaitOthers();
        units.backProduct(dA, dAOffset + hidden, width, w, 2, 1, 1, 0, window, gatedGradient, 0);
        for (int b = units.firstSequence(); b < units.endSequence(); b++) {
            int gate = (t * batch + b) * width;
            int grad = dAOffset + b * width;
            for (int j = units.from(); j < units.to(); j++) {
                int k = b * hidden + j;
                double forget = a[gate + j];
                dA[grad + j] = (dA[grad + j] + gatedGradient[k] * previousHidden[previous + k]) * sigmoidSlope(forget);
                dPrevious[previousOffset + k] += gatedGradient[k] * forget;
            }
        }
        units.awaitOthers();
        units.backProduct(dA, dAOffset, width, w, 2, 0, 1, 1, window, dPrevious, previousOffset);
    }

    @Override
    protected void stepVjp(DMatrixRMaj[] params, MguTrace window, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        out[0].zero();
        backStep(params, window, t, allUnits(window.batch()), v[0].data, 0, window.stepGradients().data, 0, out[0].data, 0);
    }

    /**
     * With the recorded gates and states held constant (Pascanu et al. 2013, eq. 10), the
     * parameters in v·∂h_t/∂h_{t-1} = v ⊙ (1 − f) + e ⊙ f + dA_f W_hf are W_hn (through
     * e = dA_n W_hn, which also enters dA_f) and W_hf. Hence dW_hf = dA_f^T w and dW_hn = dA_n^T u
     * with u = ∂⟨w, ·⟩/∂e = w ⊙ f + (w W_hf^T) ⊙ σ'(f) ⊙ h_{t-1}. The bias does not appear.
     */
    @Override
    protected void stepVjpParameterGradient(DMatrixRMaj[] params, MguTrace window, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        int hidden = hiddenSize();
        int width = gateWidth();
        int batch = window.batch();
        double[] dA = window.stepGradients().data;
        double[] scratch = window.stepScratch().data;
        double[] weightHh = params[WEIGHT_HH].data;
        double[] gradWeightHh = gradParams[WEIGHT_HH].data;
        window.stepScratch().zero();
        backStep(params, window, t, allUnits(window.batch()), v[0].data, 0, dA, 0, scratch, 0);
        backend().gemm(true, false, hidden, hidden, batch, 1, dA, 0, width, w[0].data, 0, hidden, 1, gradWeightHh, 0,
                hidden);

        backend().gemm(false, true, batch, hidden, hidden, 1, w[0].data, 0, hidden, weightHh, 0, hidden, 0, scratch,
                0, hidden);
        double[] a = window.gates().data;
        double[] previousHidden = window.previousHidden(t);
        int previous = window.previousOffset(t);
        for (int b = 0; b < batch; b++) {
            int gate = (t * batch + b) * width;
            for (int j = 0; j < hidden; j++) {
                int k = b * hidden + j;
                double forget = a[gate + j];
                scratch[k] = w[0].data[k] * forget + scratch[k] * sigmoidSlope(forget) * previousHidden[previous + k];
            }
        }
        backend().gemm(true, false, hidden, hidden, batch, 1, dA, hidden, width, scratch, 0, hidden, 1, gradWeightHh,
                hidden * hidden, hidden);
    }
}
