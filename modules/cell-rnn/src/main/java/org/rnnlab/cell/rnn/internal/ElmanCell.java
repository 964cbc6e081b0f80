package org.rnnlab.cell.rnn.internal;

import java.util.List;
import java.util.Objects;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

/**
 * The Elman kernel {@code h_t = φ(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)} over a whole window.
 * Forward projects the inputs of all steps in one product and leaves only the recurrent product
 * per step; backward is BPTT (Werbos 1990) with the same split: only dL/dh_{t-1} is propagated
 * step by step, every weight gradient is one product over the window.
 */
final class ElmanCell implements Cell {
    private static final int WEIGHT_IH = 0;
    private static final int WEIGHT_HH = 1;
    private static final int BIAS_IH = 2;
    private static final int BIAS_HH = 3;

    private final int inputSize;
    private final int hiddenSize;
    private final Activation activation;
    private final MatrixBackend backend;
    private final List<ParameterSpec> parameters;

    ElmanCell(int inputSize, int hiddenSize, Activation activation, MatrixBackend backend) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.activation = activation;
        this.backend = Objects.requireNonNull(backend, "matrix backend");
        this.parameters = List.of(
                ParameterSpec.of("weight_ih", hiddenSize, inputSize, ParameterRole.INPUT_WEIGHTS),
                ParameterSpec.of("weight_hh", hiddenSize, hiddenSize, ParameterRole.RECURRENT_WEIGHTS),
                ParameterSpec.of("bias_ih", 1, hiddenSize, ParameterRole.BIAS),
                ParameterSpec.of("bias_hh", 1, hiddenSize, ParameterRole.BIAS));
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int hiddenSize() {
        return hiddenSize;
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
        return new ElmanTrace(batch, capacity, inputSize, hiddenSize);
    }

    @Override
    public void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState,
            CellTrace trace) {
        ElmanTrace window = own(trace);
        requireParameters(params, "params");
        if (steps < 1 || steps > window.capacity()) {
            throw new IllegalArgumentException("steps must be in [1, " + window.capacity() + "], got " + steps);
        }
        int batch = window.batch();
        int rows = steps * batch;
        int block = batch * hiddenSize;
        requireRows(inputs, rows, inputSize, "inputs");
        requireState(initialState, batch, "initial state");

        double[] x = window.inputs().data;
        double[] h0 = window.initialState().data;
        double[] a = window.preActivations().data;
        double[] h = window.outputs().data;
        System.arraycopy(inputs.data, 0, x, 0, rows * inputSize);
        System.arraycopy(initialState[0].data, 0, h0, 0, block);

        // Input projections of every step at once: A = X W_ih^T + b_ih + b_hh.
        backend.gemm(false, true, rows, hiddenSize, inputSize, 1, x, 0, inputSize,
                params[WEIGHT_IH].data, 0, inputSize, 0, a, 0, hiddenSize);
        addBiases(a, rows, params[BIAS_IH].data, params[BIAS_HH].data);

        // The recurrence: A_t += h_{t-1} W_hh^T, then h_t = φ(A_t).
        double[] w = params[WEIGHT_HH].data;
        for (int t = 0; t < steps; t++) {
            double[] previous = t == 0 ? h0 : h;
            int previousOffset = t == 0 ? 0 : (t - 1) * block;
            backend.gemm(false, true, batch, hiddenSize, hiddenSize, 1, previous, previousOffset, hiddenSize,
                    w, 0, hiddenSize, 1, a, t * block, hiddenSize);
            activation.apply(a, h, t * block, block);
        }
        System.arraycopy(h, (steps - 1) * block, window.finalState()[0].data, 0, block);
        window.recorded(steps);
    }

    @Override
    public void backward(DMatrixRMaj[] params, CellTrace trace, DMatrixRMaj gradOutputs,
            DMatrixRMaj[] gradFinalState, DMatrixRMaj[] gradParams, DMatrixRMaj gradInputs,
            DMatrixRMaj[] gradInitialState) {
        ElmanTrace window = recorded(trace);
        requireParameters(params, "params");
        requireParameters(gradParams, "gradParams");
        int steps = window.steps();
        int batch = window.batch();
        int rows = steps * batch;
        int block = batch * hiddenSize;
        requireRows(gradOutputs, rows, hiddenSize, "gradOutputs");
        if (gradFinalState != null) {
            requireState(gradFinalState, batch, "gradFinalState");
        }
        if (gradInputs != null) {
            requireRows(gradInputs, rows, inputSize, "gradInputs");
        }
        if (gradInitialState != null) {
            requireState(gradInitialState, batch, "gradInitialState");
        }

        double[] h = window.outputs().data;
        double[] dh = window.hiddenGradients().data;
        double[] da = window.preActivationGradients().data;
        double[] w = params[WEIGHT_HH].data;
        System.arraycopy(gradOutputs.data, 0, dh, 0, rows * hiddenSize);
        if (gradFinalState != null) {
            addInto(dh, (steps - 1) * block, gradFinalState[0].data, block);
        }
        // BPTT: when step t is reached, dL/dh_t is complete; dL/da_t = dL/dh_t ⊙ φ'(a_t) and
        // dL/dh_{t-1} += dL/da_t W_hh.
        for (int t = steps - 1; t >= 0; t--) {
            activation.backward(h, t * block, dh, da, t * block, block);
            if (t > 0) {
                backend.gemm(false, false, batch, hiddenSize, hiddenSize, 1, da, t * block, hiddenSize,
                        w, 0, hiddenSize, 1, dh, (t - 1) * block, hiddenSize);
            }
        }
        if (gradInitialState != null) {
            backend.gemm(false, false, batch, hiddenSize, hiddenSize, 1, da, 0, hiddenSize,
                    w, 0, hiddenSize, 0, gradInitialState[0].data, 0, hiddenSize);
        }
        accumulateParameterGradients(window, gradParams);
        if (gradInputs != null) {
            // dX = dA W_ih for the whole window.
            backend.gemm(false, false, rows, inputSize, hiddenSize, 1, da, 0, hiddenSize,
                    params[WEIGHT_IH].data, 0, inputSize, 0, gradInputs.data, 0, inputSize);
        }
    }

    @Override
    public void stateVjp(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        ElmanTrace window = recorded(trace);
        requireParameters(params, "params");
        if (t < 0 || t >= window.steps()) {
            throw new IllegalArgumentException("step must be in [0, " + window.steps() + "), got " + t);
        }
        int batch = window.batch();
        int block = batch * hiddenSize;
        requireState(v, batch, "v");
        requireState(out, batch, "out");
        // ∂h_t/∂h_{t-1} = diag(φ'(a_t)) W_hh, so v · ∂h_t/∂h_{t-1} = (v ⊙ φ'(a_t)) W_hh.
        double[] scaled = window.stepScratch().data;
        activation.backward(window.outputs().data, t * block, v[0].data, scaled, 0, block);
        backend.gemm(false, false, batch, hiddenSize, hiddenSize, 1, scaled, 0, hiddenSize,
                params[WEIGHT_HH].data, 0, hiddenSize, 0, out[0].data, 0, hiddenSize);
    }

    /**
     * With u = v ⊙ φ'(a_t) held constant, ⟨w, u W_hh⟩ is linear in W_hh and its gradient is
     * u^T w (Pascanu et al. 2013, eq. 10); no other parameter appears explicitly.
     */
    @Override
    public void stateVjpParameterGradient(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        ElmanTrace window = recorded(trace);
        requireParameters(params, "params");
        requireParameters(gradParams, "gradParams");
        if (t < 0 || t >= window.steps()) {
            throw new IllegalArgumentException("step must be in [0, " + window.steps() + "), got " + t);
        }
        int batch = window.batch();
        int block = batch * hiddenSize;
        requireState(v, batch, "v");
        requireState(w, batch, "w");
        double[] scaled = window.stepScratch().data;
        activation.backward(window.outputs().data, t * block, v[0].data, scaled, 0, block);
        backend.gemm(true, false, hiddenSize, hiddenSize, batch, 1, scaled, 0, hiddenSize,
                w[0].data, 0, hiddenSize, 1, gradParams[WEIGHT_HH].data, 0, hiddenSize);
    }

    /**
     * Adds the window's weight and bias gradients: dW_ih += dA^T X, dW_hh += dA^T H_prev and
     * db = column sums of dA. H_prev is h_{-1} followed by h_0..h_{T-2}, so dW_hh takes two
     * products: step 0 against the saved initial state, the rest against the outputs shifted by
     * one step.
     */
    private void accumulateParameterGradients(ElmanTrace window, DMatrixRMaj[] gradParams) {
        int batch = window.batch();
        int rows = window.steps() * batch;
        int block = batch * hiddenSize;
        double[] da = window.preActivationGradients().data;
        double[] gradWhh = gradParams[WEIGHT_HH].data;

        backend.gemm(true, false, hiddenSize, inputSize, rows, 1, da, 0, hiddenSize,
                window.inputs().data, 0, inputSize, 1, gradParams[WEIGHT_IH].data, 0, inputSize);
        backend.gemm(true, false, hiddenSize, hiddenSize, batch, 1, da, 0, hiddenSize,
                window.initialState().data, 0, hiddenSize, 1, gradWhh, 0, hiddenSize);
        if (rows > batch) {
            backend.gemm(true, false, hiddenSize, hiddenSize, rows - batch, 1, da, block, hiddenSize,
                    window.outputs().data, 0, hiddenSize, 1, gradWhh, 0, hiddenSize);
        }
        // Both biases enter a_t with coefficient 1, so both receive the column sums of dA.
        double[] gradBih = gradParams[BIAS_IH].data;
        double[] gradBhh = gradParams[BIAS_HH].data;
        for (int r = 0; r < rows; r++) {
            int row = r * hiddenSize;
            for (int j = 0; j < hiddenSize; j++) {
                gradBih[j] += da[row + j];
                gradBhh[j] += da[row + j];
            }
        }
    }

    private void addBiases(double[] a, int rows, double[] biasIh, double[] biasHh) {
        for (int r = 0; r < rows; r++) {
            int row = r * hiddenSize;
            for (int j = 0; j < hiddenSize; j++) {
                a[row + j] += biasIh[j] + biasHh[j];
            }
        }
    }

    private static void addInto(double[] target, int offset, double[] source, int length) {
        for (int i = 0; i < length; i++) {
            target[offset + i] += source[i];
        }
    }

    private ElmanTrace own(CellTrace trace) {
        if (trace instanceof ElmanTrace window && window.fits(inputSize, hiddenSize)) {
            return window;
        }
        throw new IllegalArgumentException("the trace was not made by an Elman cell of input " + inputSize
                + " and hidden " + hiddenSize);
    }

    private ElmanTrace recorded(CellTrace trace) {
        ElmanTrace window = own(trace);
        if (window.steps() == 0) {
            throw new IllegalStateException("the trace holds no window: run forward first");
        }
        return window;
    }

    private void requireParameters(DMatrixRMaj[] params, String what) {
        if (params == null || params.length != parameters.size()) {
            throw new IllegalArgumentException(what + ": expected " + parameters.size() + " matrices "
                    + parameters.stream().map(ParameterSpec::name).toList());
        }
        for (int i = 0; i < params.length; i++) {
            ParameterSpec spec = parameters.get(i);
            if (params[i].numRows != spec.rows() || params[i].numCols != spec.cols()) {
                throw new IllegalArgumentException(what + ": " + spec.name() + " must be " + spec.rows() + "x"
                        + spec.cols() + ", got " + params[i].numRows + "x" + params[i].numCols);
            }
        }
    }

    private void requireState(DMatrixRMaj[] state, int batch, String what) {
        if (state == null || state.length != 1) {
            throw new IllegalArgumentException(what + ": an Elman cell has one state component (h)");
        }
        if (state[0].numRows != batch || state[0].numCols != hiddenSize) {
            throw new IllegalArgumentException(what + " must be " + batch + "x" + hiddenSize + ", got "
                    + state[0].numRows + "x" + state[0].numCols);
        }
    }

    private static void requireRows(DMatrixRMaj matrix, int rows, int cols, String what) {
        if (matrix.numRows < rows || matrix.numCols != cols) {
            throw new IllegalArgumentException(what + " must have at least " + rows + " rows of " + cols
                    + " columns, got " + matrix.numRows + "x" + matrix.numCols);
        }
    }
}
