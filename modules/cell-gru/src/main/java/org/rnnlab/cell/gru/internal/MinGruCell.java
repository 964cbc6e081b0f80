package org.rnnlab.cell.gru.internal;

import static org.rnnlab.core.cell.Activation.sigmoid;
import static org.rnnlab.core.cell.Activation.sigmoidSlope;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.core.cell.Units;
import org.rnnlab.core.cell.WindowCell;

/**
 * minGRU (Feng, Tung, Ahmed, Bengio &amp; Hajimirsadeghi 2024, "Were RNNs all we needed?"), the
 * sequential form:
 * <pre>
 * z_t = σ(x_t W_iz^T + b_z)
 * h̃_t = x_t W_in^T + b_n
 * h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t
 * </pre>
 * Parameterization: {@code weight_ih} = [W_iz; W_in] (2H x I) and {@code bias} = [b_z, b_n]
 * (1 x 2H), gate blocks z, n: the paper's two linear maps, each with its bias. The gates read x_t
 * only, so the cell has <em>no recurrent weights</em>: all its products are the one input
 * projection of the whole window, and each step is elementwise.
 *
 * <p>State Jacobian: ∂h_t/∂h_{t-1} = diag(1 − z_t), so the state VJP is v ⊙ (1 − z_t), and it holds
 * no parameter explicitly: the Pascanu parameter gradient adds nothing.
 */
final class MinGruCell extends WindowCell<MinGruTrace> {
    static final List<String> GATES = List.of("z", "n");
    private static final int BIAS = 1;

    MinGruCell(int inputSize, int hiddenSize, MatrixBackend backend) {
        super("a minGRU cell", MinGruTrace.class, inputSize, hiddenSize, GATES.size(), List.of("h"),
                List.of(new ParameterSpec("weight_ih", GATES.size() * hiddenSize, inputSize,
                                ParameterRole.INPUT_WEIGHTS, GATES, true),
                        new ParameterSpec("bias", 1, GATES.size() * hiddenSize, ParameterRole.BIAS, GATES, true)),
                backend);
    }

    @Override
    public MinGruTrace newTrace(int batch, int capacity) {
        return new MinGruTrace(batch, capacity, inputSize(), hiddenSize());
    }

    /** Each unit's step reads only that unit: its shares never even meet. */
    @Override
    protected boolean splitsWindow() {
        return true;
    }

    @Override
    protected void forwardWindow(DMatrixRMaj[] params, MinGruTrace window, int steps, Units units) {
        int hidden = hiddenSize();
        int width = gateWidth();
        int batch = window.batch();
        double[] a = window.gates().data;
        double[] h = window.outputs().data;
        units.inputsPlusBias(window, 0, steps * batch, 2, params[BIAS].data, null);
        for (int t = 0; t < steps; t++) {
            double[] previousHidden = window.previousHidden(t);
            int previous = window.previousOffset(t);
            for (int b = units.firstSequence(); b < units.endSequence(); b++) {
                int row = t * batch + b;
                sigmoid(a, row * width + units.from(), units.count());
                for (int j = units.from(); j < units.to(); j++) {
                    int gate = row * width + j;
                    double update = a[gate];
                    h[row * hidden + j] = (1 - update) * previousHidden[previous + b * hidden + j]
                            + update * a[gate + hidden];
                }
            }
        }
    }

    /**
     * With d = dL/dh_t: dA_z = d ⊙ (h̃_t − h_{t-1}) ⊙ σ'(z_t), dA_n = d ⊙ z_t and
     * dL/dh_{t-1} += d ⊙ (1 − z_t).
     */
    @Override
    protected void backwardWindow(DMatrixRMaj[] params, MinGruTrace window, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, Units units) {
        int hidden = hiddenSize();
        int width = gateWidth();
        int batch = window.batch();
        int block = window.block();
        double[] a = window.gates().data;
        double[] dh = window.hiddenGradients().data;
        double[] dA = window.gateGradients().data;
        for (int t = window.steps() - 1; t >= 0; t--) {
            double[] previousHidden = window.previousHidden(t);
            double[] dPrevious = window.previousHiddenGradient(t);
            int previous = window.previousOffset(t);
            for (int b = units.firstSequence(); b < units.endSequence(); b++) {
                int row = t * batch + b;
                for (int j = units.from(); j < units.to(); j++) {
                    int gate = row * width + j;
                    int k = b * hidden + j;
                    double update = a[gate];
                    double dHidden = dh[t * block + k];
                    dA[gate] = dHidden * (a[gate + hidden] - previousHidden[previous + k]) * sigmoidSlope(update);
                    dA[gate + hidden] = dHidden * update;
                    dPrevious[previous + k] += dHidden * (1 - update);
                }
            }
        }
    }

    /** b enters both gates' pre-activations with coefficient 1. */
    @Override
    protected int[] inputBiases() {
        return new int[] {BIAS};
    }

    /** v · diag(1 − z_t). */
    @Override
    protected void stepVjp(DMatrixRMaj[] params, MinGruTrace window, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        int hidden = hiddenSize();
        int width = gateWidth();
        double[] a = window.gates().data;
        for (int b = 0; b < window.batch(); b++) {
            int row = t * window.batch() + b;
            for (int j = 0; j < hidden; j++) {
                int k = b * hidden + j;
                out[0].data[k] = v[0].data[k] * (1 - a[row * width + j]);
            }
        }
    }

    /** The state Jacobian diag(1 − z_t) holds no parameter explicitly: nothing to add. */
    @Override
    protected void stepVjpParameterGradient(DMatrixRMaj[] params, MinGruTrace window, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        // Arguments are checked by WindowCell; the gradient is zero.
    }
}
