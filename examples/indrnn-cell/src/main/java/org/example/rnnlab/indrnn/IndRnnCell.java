package org.example.rnnlab.indrnn;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

/**
 * The IndRNN window kernel (Li et al. 2018, eq. 2): z_t = W x_t + ū ⊙ h_{t−1} + b, h_t = relu(z_t),
 * where ū = clamp(u, −bound, bound) is the paper's bound on the recurrent weights, applied here
 * in the forward pass because rnnlab's optimizers own the updates (the gradient of u is zero
 * where the bound holds it). The input products of all steps are one GEMM through the run's
 * backend; the recurrence is element-wise, so it needs none.
 */
final class IndRnnCell implements Cell {
    static final String U = "u";
    private static final int WEIGHT = 0;
    private static final int RECURRENT = 1;
    private static final int BIAS = 2;

    private final int input;
    private final int hidden;
    private final double bound;
    private final MatrixBackend backend;
    private final List<ParameterSpec> parameters;

    IndRnnCell(int input, int hidden, double bound, MatrixBackend backend) {
        this.input = input;
        this.hidden = hidden;
        this.bound = bound;
        this.backend = backend;
        this.parameters = List.of(
                ParameterSpec.of("weight_ih", hidden, input, ParameterRole.INPUT_WEIGHTS),
                ParameterSpec.of(U, 1, hidden, ParameterRole.RECURRENT_WEIGHTS),
                ParameterSpec.of("bias", 1, hidden, ParameterRole.BIAS));
    }

    @Override
    public int inputSize() {
        return input;
    }

    @Override
    public int hiddenSize() {
        return hidden;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public int stateSize() {
        return 1;
    }

    @Override
    public CellTrace newTrace(int batch, int capacity) {
        return new IndRnnTrace(batch, capacity, input, hidden);
    }

    /** ū_j: u_j held within [−bound, bound]. */
    private double bounded(double u) {
        return Math.max(-bound, Math.min(bound, u));
    }

    /** dū_j/du_j: 1 inside the bound, 0 where the bound holds u. */
    private double boundedSlope(double u) {
        return Math.abs(u) <= bound ? 1 : 0;
    }

    @Override
    public void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState,
            CellTrace trace) {
        IndRnnTrace window = (IndRnnTrace) trace;
        if (steps < 1 || steps > window.capacity) {
            throw new IllegalArgumentException("steps must be in [1, " + window.capacity + "], got " + steps);
        }
        int batch = window.batch;
        int rows = steps * batch;
        // The trace keeps its own copies: the caller reads the next window into these matrices.
        System.arraycopy(inputs.data, 0, window.inputs.data, 0, rows * input);
        window.initial.setTo(initialState[0]);
        double[] z = window.preActivations.data;
        double[] h = window.outputs.data;
        double[] u = params[RECURRENT].data;
        double[] b = params[BIAS].data;
        backend.gemm(false, true, rows, hidden, input, 1, window.inputs.data, 0, input, params[WEIGHT].data, 0, input,
                0, z, 0, hidden);
        for (int t = 0; t < steps; t++) {
            double[] previous = t == 0 ? window.initial.data : h;
            int previousOffset = t == 0 ? 0 : (t - 1) * batch * hidden;
            for (int s = 0; s < batch; s++) {
                for (int j = 0; j < hidden; j++) {
                    int at = (t * batch + s) * hidden + j;
                    z[at] += bounded(u[j]) * previous[previousOffset + s * hidden + j] + b[j];
                    // Math.max keeps a NaN (relu of NaN is NaN), so a diverging run shows it
                    h[at] = Math.max(0, z[at]);
                }
            }
        }
        System.arraycopy(h, (steps - 1) * batch * hidden, window.finalState[0].data, 0, batch * hidden);
        window.steps = steps;
    }

    @Override
    public void backward(DMatrixRMaj[] params, CellTrace trace, DMatrixRMaj gradOutputs, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, DMatrixRMaj gradInputs, DMatrixRMaj[] gradInitialState) {
        IndRnnTrace window = (IndRnnTrace) trace;
        int batch = window.batch;
        int steps = window.steps;
        int rows = steps * batch;
        int block = batch * hidden;
        double[] dh = window.hiddenGradients.data;
        double[] dz = window.preActivationGradients.data;
        double[] z = window.preActivations.data;
        double[] h = window.outputs.data;
        double[] u = params[RECURRENT].data;
        double[] du = gradParams[RECURRENT].data;
        double[] db = gradParams[BIAS].data;
        System.arraycopy(gradOutputs.data, 0, dh, 0, rows * hidden);
        if (gradFinalState != null) {
            for (int i = 0; i < block; i++) {
                dh[(steps - 1) * block + i] += gradFinalState[0].data[i];
            }
        }
        for (int t = steps - 1; t >= 0; t--) {
            double[] previous = t == 0 ? window.initial.data : h;
            int previousOffset = t == 0 ? 0 : (t - 1) * block;
            for (int s = 0; s < batch; s++) {
                for (int j = 0; j < hidden; j++) {
                    int at = t * block + s * hidden + j;
                    if (t < steps - 1) {
                        // h_t reaches z_{t+1} through ū: dL/dh_t += dL/dz_{t+1} ⊙ ū
                        dh[at] += dz[at + block] * bounded(u[j]);
                    }
                    dz[at] = z[at] > 0 ? dh[at] : 0;
                    du[j] += dz[at] * previous[previousOffset + s * hidden + j] * boundedSlope(u[j]);
                    db[j] += dz[at];
                }
            }
        }
        // dW += dZ^T X and dX = dZ W, one product each over the window
        backend.gemm(true, false, hidden, input, rows, 1, dz, 0, hidden, window.inputs.data, 0, input, 1,
                gradParams[WEIGHT].data, 0, input);
        if (gradInputs != null) {
            backend.gemm(false, false, rows, input, hidden, 1, dz, 0, hidden, params[WEIGHT].data, 0, input, 0,
                    gradInputs.data, 0, input);
        }
        if (gradInitialState != null) {
            double[] out = gradInitialState[0].data;
            for (int s = 0; s < batch; s++) {
                for (int j = 0; j < hidden; j++) {
                    out[s * hidden + j] = dz[s * hidden + j] * bounded(u[j]);
                }
            }
        }
    }

    /** v · ∂h_t/∂h_{t−1} = v ⊙ relu'(z_t) ⊙ ū: the Jacobian is diagonal, the point of the IndRNN. */
    @Override
    public void stateVjp(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        IndRnnTrace window = (IndRnnTrace) trace;
        double[] z = window.preActivations.data;
        double[] u = params[RECURRENT].data;
        int offset = t * window.batch * hidden;
        for (int s = 0; s < window.batch; s++) {
            for (int j = 0; j < hidden; j++) {
                int i = s * hidden + j;
                out[0].data[i] = (z[offset + i] > 0 ? v[0].data[i] : 0) * bounded(u[j]);
            }
        }
    }

    /** ∂/∂u_j of Σ ⟨w, v ⊙ relu'(z_t) ⊙ ū⟩ with relu'(z_t) held: Σ_b w v relu'(z_t) dū/du. */
    @Override
    public void stateVjpParameterGradient(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        IndRnnTrace window = (IndRnnTrace) trace;
        double[] z = window.preActivations.data;
        double[] u = params[RECURRENT].data;
        double[] du = gradParams[RECURRENT].data;
        int offset = t * window.batch * hidden;
        for (int s = 0; s < window.batch; s++) {
            for (int j = 0; j < hidden; j++) {
                int i = s * hidden + j;
                du[j] += (z[offset + i] > 0 ? w[0].data[i] * v[0].data[i] : 0) * boundedSlope(u[j]);
            }
        }
    }
}
