package org.rnnlab.core.cell;

import java.util.List;
import java.util.Objects;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.Shares;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

/**
 * What every window kernel shares, so a cell writes only its own equations. This class checks
 * the arguments of every call; records the inputs and the initial state; projects the inputs of
 * all steps onto all gates in one product, {@code gates = X W_ih^T} ({@code (T·B) x (G·H)}), or,
 * when the inputs are one-hot rows ({@link OneHotInputs}), looks the projection up as the cell
 * first writes each gate row ({@link Units#inputsPlusBias}, which a cell must therefore use);
 * copies dL/dh_t from above into the trace before back-propagation; and, from the gradient the
 * cell leaves at the input projections, adds dW_ih = dA^T X (for one-hot rows, a sum of rows
 * per share) and computes dX = dA W_ih, each one product over the window. Parameter 0 of every window cell is therefore {@code weight_ih},
 * {@code (G·H) x input}.
 *
 * <p>Gradients are added to {@code gradParams}, so windows and directions accumulate. The
 * matrices passed to {@link #stateVjp} as {@code v} and {@code out} must be distinct.
 *
 * <p>Threads: a cell writes its window's recurrence for a share of the batch's sequences and
 * hidden units ({@link Units}). When the cell says it does ({@link #splitsWindow}) and the backend
 * lends the run's threads ({@link Shares}), each thread runs every step of its own share: its
 * block of the sequences, all units, with no meeting until the window is done, or (a batch
 * smaller than the threads) its block of the units, meeting the others once per step; otherwise
 * one share holds everything. After the recurrence each share sums its columns of the window's
 * rows: the input biases' gradients ({@link #inputBiases}) and the one-hot dW_ih in one pass, then
 * {@link #addOtherBiasGradients}. Every element is computed from the same
 * operands in the same order either way, so a backend whose products do not depend on how A and
 * C are split (java, ejml) gives the same bits on any number of threads.
 *
 * @param <T> the cell's own trace
 */
public abstract class WindowCell<T extends WindowTrace> implements Cell {
    /** Index of the input weights W_ih in every window cell's parameters. */
    protected static final int WEIGHT_IH = 0;
    /** Indices of W_hh, b_ih and b_hh in {@link #pytorchLayout}. */
    protected static final int WEIGHT_HH = 1;
    protected static final int BIAS_IH = 2;
    protected static final int BIAS_HH = 3;

    /**
     * PyTorch's parameters of a recurrent layer: {@code weight_ih} (G·H x I), {@code weight_hh}
     * (G·H x H), {@code bias_ih} and {@code bias_hh} (1 x G·H), the gate blocks stacked in the
     * given order (none for a plain RNN, G = 1).
     */
    protected static List<ParameterSpec> pytorchLayout(int inputSize, int hiddenSize, List<String> gates) {
        int rows = Math.max(1, gates.size()) * hiddenSize;
        return List.of(
                new ParameterSpec("weight_ih", rows, inputSize, ParameterRole.INPUT_WEIGHTS, gates, true),
                new ParameterSpec("weight_hh", rows, hiddenSize, ParameterRole.RECURRENT_WEIGHTS, gates, true),
                new ParameterSpec("bias_ih", 1, rows, ParameterRole.BIAS, gates, true),
                new ParameterSpec("bias_hh", 1, rows, ParameterRole.BIAS, gates, true));
    }

    private final String kind;
    private final Class<T> traceType;
    private final int inputSize;
    private final int hiddenSize;
    private final int gateWidth;
    private final List<String> stateNames;
    private final List<ParameterSpec> parameters;
    private final MatrixBackend backend;
    /** The {@link #inputBiases}, or -1. */
    private final int inputBias;
    private final int alsoInputBias;
    /** All of a window on the calling thread, for the last batch asked ({@link #allUnits}). */
    private volatile Units everything;

    /**
     * @param kind       how messages name the cell, e.g. {@code an LSTM cell}
     * @param gates      gate blocks stacked in W_ih (1 for an Elman cell)
     * @param stateNames the state components, h first
     */
    protected WindowCell(String kind, Class<T> traceType, int inputSize, int hiddenSize, int gates,
            List<String> stateNames, List<ParameterSpec> parameters, MatrixBackend backend) {
        this.kind = kind;
        this.traceType = traceType;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.gateWidth = gates * hiddenSize;
        this.stateNames = List.copyOf(stateNames);
        this.parameters = List.copyOf(parameters);
        this.backend = Objects.requireNonNull(backend, "matrix backend");
        this.everything = Units.all(1, hiddenSize, gateWidth, backend);
        int[] biases = inputBiases();
        if (biases.length > 2) {
            throw new IllegalArgumentException(kind + ": at most two input biases, got " + biases.length);
        }
        this.inputBias = biases.length > 0 ? biases[0] : -1;
        this.alsoInputBias = biases.length > 1 ? biases[1] : -1;
        ParameterSpec first = this.parameters.get(WEIGHT_IH);
        if (first.rows() != gateWidth || first.cols() != inputSize) {
            throw new IllegalArgumentException(kind + ": parameter 0 must be the input weights, " + gateWidth + "x"
                    + inputSize + ", got " + first.name() + " " + first.rows() + "x" + first.cols());
        }
    }

    @Override
    public final int inputSize() {
        return inputSize;
    }

    @Override
    public final int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public final List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public final int stateSize() {
        return stateNames.size();
    }

    /** Gates times hidden: the width of the gate buffers. */
    protected final int gateWidth() {
        return gateWidth;
    }

    /** Every unit of {@code batch} sequences on the calling thread: the share for work outside a window pass (state VJPs). */
    protected final Units allUnits(int batch) {
        Units all = everything;
        if (all.endSequence() != batch) {
            all = Units.all(batch, hiddenSize, gateWidth, backend);
            everything = all;
        }
        return all;
    }

    /** The backend every heavy product goes through. */
    protected final MatrixBackend backend() {
        return backend;
    }

    /**
     * Runs the cell's equations over the window for the given units. On entry the initial state
     * is recorded and the input projections x_t W_ih^T are ready: the cell's first write to each
     * gate row is {@link Units#inputsPlusBias} over every gate block. On return the outputs hold h_t of
     * these units and every final-state component other than h is written for them
     * ({@code finalState()[0]} is copied from the last output afterwards). A cell's share holds
     * its sequences through the whole window: it reads no rows it did not write.
     */
    protected abstract void forwardWindow(DMatrixRMaj[] params, T window, int steps, Units units);

    /**
     * BPTT over the recorded window for the given units. On entry the hidden gradients hold
     * dL/dh_t from above (with dL/d(final h) added at the last step) and the initial-state
     * gradients are zero. On return, for these units, the hidden gradients are complete, the gate
     * gradients hold dL/d(x_t W_ih^T), the initial-state gradients hold dL/ds_{-1}, and the
     * this class adds the input biases' gradients, and {@link #addOtherBiasGradients} and
     * {@link #addWeightGradients} the rest but W_ih's.
     *
     * @param gradFinalState dL/d(final state) per component, or null
     */
    protected abstract void backwardWindow(DMatrixRMaj[] params, T window, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, Units units);

    /**
     * The biases (parameter indices, at most two) added with coefficient 1 to the gate
     * pre-activations that the input projection reaches: each one's gradient is the column sums
     * of {@link WindowTrace#gateGradients()}, which this class adds after the recurrence, each
     * column in one fixed order (so the sums do not depend on how threads split the window): in
     * row order for dense inputs; for one-hot inputs summed from the per-character sums of the
     * input gradient's pass over dA, so that pass adds each row once. Called once, by the
     * constructor.
     */
    protected abstract int[] inputBiases();

    /**
     * After every share's {@link #backwardWindow}, on each share's units of every sequence
     * ({@code columns}): adds the gradients of the biases that are not {@link #inputBiases}, such as
     * column sums of another window matrix ({@link Units#addColumnSums}). None by default.
     */
    protected void addOtherBiasGradients(T window, DMatrixRMaj[] gradParams, Units columns) {
    }

    /**
     * After every share's {@link #backwardWindow}: adds the gradients that are products over the
     * whole window (dW_hh = Σ_t dA_t^T h_{t-1}), except W_ih's. Cells with none keep this default.
     */
    protected void addWeightGradients(DMatrixRMaj[] params, T window, DMatrixRMaj[] gradParams) {
    }

    /**
     * Whether the cell writes its window for a share of the sequences and units (see the class
     * comment); if so, with the run's threads each runs its own share. False by default, so a cell
     * written for the whole window is never split by mistake: it gets all of it and the run splits
     * its products.
     */
    protected boolean splitsWindow() {
        return false;
    }

    /** {@code out = v · ∂s_t/∂s_{t-1}} at a recorded step; arguments are checked. */
    protected abstract void stepVjp(DMatrixRMaj[] params, T window, int t, DMatrixRMaj[] v, DMatrixRMaj[] out);

    /** See {@link Cell#stateVjpParameterGradient}; arguments are checked. */
    protected abstract void stepVjpParameterGradient(DMatrixRMaj[] params, T window, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams);

    @Override
    public final void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState,
            CellTrace trace) {
        T window = own(trace);
        requireParameters(params, "params");
        if (steps < 1 || steps > window.capacity()) {
            throw new IllegalArgumentException("steps must be in [1, " + window.capacity() + "], got " + steps);
        }
        int batch = window.batch();
        int rows = steps * batch;
        requireRows(inputs, rows, inputSize, "inputs");
        requireState(initialState, batch, "initial state");

        System.arraycopy(inputs.data, 0, window.inputs().data, 0, rows * inputSize);
        for (int s = 0; s < initialState.length; s++) {
            window.initialState()[s].setTo(initialState[s]);
        }
        boolean oneHot = window.oneHot.find(window.inputs().data, rows, inputSize, gateWidth);
        if (!oneHot) {
            backend.gemm(false, true, rows, gateWidth, inputSize, 1, window.inputs().data, 0, inputSize,
                    params[WEIGHT_IH].data, 0, inputSize, 0, window.gates().data, 0, gateWidth);
        }
        inShares(batch, units -> {
            if (oneHot) {
                units.columns().inGateColumns((first, count) -> window.oneHot.prepare(params[WEIGHT_IH].data,
                        gateWidth, inputSize, first, count));
                units.awaitWindow();
            }
            forwardWindow(params, window, steps, units);
        });
        int block = window.block();
        System.arraycopy(window.outputs().data, (steps - 1) * block, window.finalState()[0].data, 0, block);
        window.recorded(steps);
    }

    @Override
    public final void backward(DMatrixRMaj[] params, CellTrace trace, DMatrixRMaj gradOutputs,
            DMatrixRMaj[] gradFinalState, DMatrixRMaj[] gradParams, DMatrixRMaj gradInputs,
            DMatrixRMaj[] gradInitialState) {
        T window = recorded(trace);
        requireParameters(params, "params");
        requireParameters(gradParams, "gradParams");
        int batch = window.batch();
        int rows = window.steps() * batch;
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

        double[] dh = window.hiddenGradients().data;
        System.arraycopy(gradOutputs.data, 0, dh, 0, rows * hiddenSize);
        if (gradFinalState != null) {
            int last = (window.steps() - 1) * window.block();
            double[] gradFinalHidden = gradFinalState[0].data;
            for (int i = 0; i < gradFinalHidden.length; i++) {
                dh[last + i] += gradFinalHidden[i];
            }
        }
        for (DMatrixRMaj gradient : window.initialStateGradients()) {
            gradient.zero();
        }
        // The input projection of every step and gate: dW_ih += dA^T X, dX = dA W_ih; for one-hot
        // inputs each share adds its own columns of dA once every share has written its rows.
        double[] dA = window.gateGradients().data;
        boolean oneHot = window.oneHot.found();
        inShares(batch, units -> {
            backwardWindow(params, window, gradFinalState, gradParams, units);
            units.awaitWindow();
            Units columns = units.columns();
            double[] bias = inputBias < 0 ? null : gradParams[inputBias].data;
            double[] alsoBias = alsoInputBias < 0 ? null : gradParams[alsoInputBias].data;
            if (oneHot) {
                columns.inGateColumns((first, count) -> window.oneHot.addWeightGradient(dA, gateWidth, inputSize,
                        rows, gradParams[WEIGHT_IH].data, first, count, bias, alsoBias));
            } else if (bias != null) {
                columns.addColumnSums(dA, 0, rows, bias, alsoBias);
            }
            addOtherBiasGradients(window, gradParams, columns);
        });
        addWeightGradients(params, window, gradParams);
        if (!oneHot) {
            backend.gemm(true, false, gateWidth, inputSize, rows, 1, dA, 0, gateWidth, window.inputs().data, 0,
                    inputSize, 1, gradParams[WEIGHT_IH].data, 0, inputSize);
        }
        if (gradInputs != null) {
            backend.gemm(false, false, rows, inputSize, gateWidth, 1, dA, 0, gateWidth, params[WEIGHT_IH].data, 0,
                    inputSize, 0, gradInputs.data, 0, inputSize);
        }
        if (gradInitialState != null) {
            for (int s = 0; s < gradInitialState.length; s++) {
                gradInitialState[s].setTo(window.initialStateGradients()[s]);
            }
        }
    }

    @Override
    public final void stateVjp(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        T window = recorded(trace);
        requireParameters(params, "params");
        requireStep(window, t);
        requireState(v, window.batch(), "v");
        requireState(out, window.batch(), "out");
        for (int s = 0; s < v.length; s++) {
            if (v[s] == out[s]) {
                throw new IllegalArgumentException("out must not be the same matrix as v");
            }
        }
        stepVjp(params, window, t, v, out);
    }

    @Override
    public final void stateVjpParameterGradient(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        T window = recorded(trace);
        requireParameters(params, "params");
        requireParameters(gradParams, "gradParams");
        requireStep(window, t);
        requireState(v, window.batch(), "v");
        requireState(w, window.batch(), "w");
        stepVjpParameterGradient(params, window, t, v, w, gradParams);
    }

    /** Runs {@code work} on every share of a window of {@code batch} sequences: the backend's threads, or all of it here. */
    private void inShares(int batch, java.util.function.Consumer<Units> work) {
        if (backend instanceof Shares shares && splitsWindow()) {
            shares.run(share -> work.accept(Units.of(share, batch, hiddenSize, gateWidth)));
        } else {
            work.accept(allUnits(batch));
        }
    }

    /**
     * {@code target += Σ_t dA_t^T h_{t-1}} for the gate columns {@code [column, column + width)} of
     * the gate-wide window matrix {@code gradients}, into the {@code width x hidden} block of a
     * recurrent weight gradient at {@code targetOffset}. h_{-1} is the recorded initial state and
     * h_0..h_{T-2} are the outputs shifted by one step, so this takes two products.
     */
    protected final void addPreviousStateProducts(double[] gradients, int column, int width, T window,
            double[] target, int targetOffset) {
        int batch = window.batch();
        int rows = window.steps() * batch;
        backend.gemm(true, false, width, hiddenSize, batch, 1, gradients, column, gateWidth,
                window.initialState()[0].data, 0, hiddenSize, 1, target, targetOffset, hiddenSize);
        if (rows > batch) {
            backend.gemm(true, false, width, hiddenSize, rows - batch, 1, gradients, column + batch * gateWidth,
                    gateWidth, window.outputs().data, 0, hiddenSize, 1, target, targetOffset, hiddenSize);
        }
    }

    private T own(CellTrace trace) {
        if (traceType.isInstance(trace)) {
            T window = traceType.cast(trace);
            if (window.fits(inputSize, hiddenSize)) {
                return window;
            }
        }
        throw new IllegalArgumentException("the trace was not made by " + kind + " of input " + inputSize
                + " and hidden " + hiddenSize);
    }

    private T recorded(CellTrace trace) {
        T window = own(trace);
        if (window.steps() == 0) {
            throw new IllegalStateException("the trace holds no window: run forward first");
        }
        return window;
    }

    private static void requireStep(WindowTrace window, int t) {
        if (t < 0 || t >= window.steps()) {
            throw new IllegalArgumentException("step must be in [0, " + window.steps() + "), got " + t);
        }
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
        if (state == null || state.length != stateNames.size()) {
            throw new IllegalArgumentException(what + ": " + kind + " has " + stateNames.size() + " state "
                    + (stateNames.size() == 1 ? "component" : "components") + " (" + String.join(", ", stateNames)
                    + ")");
        }
        for (int s = 0; s < state.length; s++) {
            if (state[s].numRows != batch || state[s].numCols != hiddenSize) {
                throw new IllegalArgumentException(what + " " + stateNames.get(s) + " must be " + batch + "x"
                        + hiddenSize + ", got " + state[s].numRows + "x" + state[s].numCols);
            }
        }
    }

    private static void requireRows(DMatrixRMaj matrix, int rows, int cols, String what) {
        if (matrix.numRows < rows || matrix.numCols != cols) {
            throw new IllegalArgumentException(what + " must have at least " + rows + " rows of " + cols
                    + " columns, got " + matrix.numRows + "x" + matrix.numCols);
        }
    }
}
