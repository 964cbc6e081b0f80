package org.rnnlab.trainer.internal.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.task.Readout;

/**
 * A run's model: {@code layers} recurrent layers, each with one or two directions, and a linear
 * head. Layer l &gt; 0 reads the concatenated outputs of both directions of layer l-1 (PyTorch's
 * stacking). The backward direction reads the window in reverse time; its outputs are put back
 * in forward time before concatenation, so output row t holds (h_fwd_t, h_bwd_t). Holds the
 * parameters and gradients; per-batch buffers live in a {@link Workspace}.
 */
public final class Network {
    /** One direction of one layer: its kernel, parameters and gradients in the cell's order. */
    public static final class Unit {
        public Cell cell;
        public final DMatrixRMaj[] params;
        public final DMatrixRMaj[] grads;

        public Unit(Cell cell, List<Parameter> parameters) {
            this.cell = cell;
            this.params = parameters.stream().map(Parameter::value).toArray(DMatrixRMaj[]::new);
            this.grads = parameters.stream().map(Parameter::gradient).toArray(DMatrixRMaj[]::new);
        }
    }

    public final int inputSize;
    public final int hidden;
    public final int directions;
    public final int outputSize;
    public final Unit[][] units;
    public final Parameter headWeight;
    public final Parameter headBias;
    private final List<Parameter> parameters;
    private MatrixBackend backend;
    private org.rnnlab.api.backend.Shares threads;

    /** @param cells one kernel per layer and direction, index {@code layer * directions + direction} */
    public Network(List<Cell> cells, int layers, int directions, int outputSize, MatrixBackend backend) {
        this.inputSize = cells.get(0).inputSize();
        this.hidden = cells.get(0).hiddenSize();
        this.directions = directions;
        this.outputSize = outputSize;
        this.backend = backend;
        this.units = new Unit[layers][directions];
        List<Parameter> all = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < directions; d++) {
                Cell cell = cells.get(l * directions + d);
                List<Parameter> own = new ArrayList<>();
                for (ParameterSpec spec : cell.parameters()) {
                    own.add(new Parameter("l" + l + (d == 1 ? ".reverse." : ".") + spec.name(), spec));
                }
                units[l][d] = new Unit(cell, own);
                all.addAll(own);
            }
        }
        int features = directions * hidden;
        headWeight = new Parameter("head.weight", ParameterSpec.of("weight", outputSize, features, ParameterRole.OUTPUT_WEIGHTS));
        headBias = new Parameter("head.bias", ParameterSpec.of("bias", 1, outputSize, ParameterRole.OUTPUT_BIAS));
        all.add(headWeight);
        all.add(headBias);
        this.parameters = Collections.unmodifiableList(all);
        bindOperands();
    }

    public int layers() {
        return units.length;
    }

    /** Every parameter, layers first (forward direction before reverse), then the head. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Swaps kernels of identical parameter layout (a new backend, or a cell of the same shape). */
    public void rebind(List<Cell> cells, MatrixBackend newBackend) {
        for (int l = 0; l < units.length; l++) {
            for (int d = 0; d < directions; d++) {
                units[l][d].cell = cells.get(l * directions + d);
            }
        }
        this.backend = newBackend;
        bindOperands();
    }

    /** Tells a backend that keeps copies of the parameters which arrays they are. */
    private void bindOperands() {
        if (backend instanceof ParameterOperands operands) {
            operands.parameters(parameters.stream().map(p -> p.value().data).toList());
        }
    }

    /** Tells such a backend that the parameters may have changed: called as each pass starts. */
    public void parametersMayHaveChanged() {
        if (backend instanceof ParameterOperands operands) {
            operands.parametersChanged();
        }
    }

    /**
     * Fills every parameter with the initialization chosen for it (by its role, or the cell's
     * default for it), then lets each cell overwrite what it constructs itself
     * (an ESN reservoir); returns the cells' facts, e.g. {@code l0: spectral radius=0.95}.
     */
    public Map<String, String> initialize(Function<ParameterSpec, Initialization> initializers, RandomSource rng) {
        for (Parameter p : parameters) {
            initializers.apply(p.spec()).fill(p.value(), p.spec(), rng);
        }
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        for (int l = 0; l < units.length; l++) {
            for (int d = 0; d < directions; d++) {
                String unit = "l" + l + (d == 1 ? ".reverse" : "");
                units[l][d].cell.initialize(units[l][d].params, rng).forEach((k, v) -> facts.put(unit + " " + k, v));
            }
        }
        return facts;
    }

    /** A zero state for the forward direction of every layer: its state components, batch x hidden each. */
    public DMatrixRMaj[][] newState(int batch) {
        DMatrixRMaj[][] state = new DMatrixRMaj[units.length][];
        for (int l = 0; l < units.length; l++) {
            state[l] = new DMatrixRMaj[units[l][0].cell.stateSize()];
            for (int s = 0; s < state[l].length; s++) {
                state[l][s] = new DMatrixRMaj(batch, hidden);
            }
        }
        return state;
    }

    /** Buffers for windows of up to {@code capacity} steps of {@code batch} sequences through this network. */
    public Workspace newWorkspace(int batch, int capacity, Readout readout) {
        Cell[][] cells = new Cell[units.length][directions];
        for (int l = 0; l < units.length; l++) {
            for (int d = 0; d < directions; d++) {
                cells[l][d] = units[l][d].cell;
            }
        }
        return new Workspace(cells, inputSize, hidden, outputSize, batch, capacity, readout);
    }

    public void zeroGradients() {
        for (Parameter p : parameters) {
            p.gradient().zero();
        }
    }

    /**
     * Runs the two directions of a bidirectional layer on the run's threads from now on (null:
     * one thread), one direction per share; a direction's cell then finds the threads lent and
     * keeps its units together, so two threads are not asked to do the work of three. Each
     * direction's work is unchanged and they are combined in the same order, so results are bit
     * for bit those of one thread.
     */
    public void parallelize(org.rnnlab.api.backend.Shares runThreads) {
        this.threads = runThreads;
    }

    /** Forward over the window in {@code ws}; predictions land in {@code ws.predictions}. */
    public void forward(Workspace ws, DMatrixRMaj inputs, Readout readout) {
        parametersMayHaveChanged();
        pass(ws, inputs, readout);
    }

    /**
     * {@link #forward} with the parameters as the previous pass left them: for generating one
     * step at a time (sampling, free running), between training steps, where nothing changes
     * them. A backend that laid them out keeps its layouts; laying W_hh out again for every
     * one-row step cost about 80 µs a step at H = 256, more than the step itself.
     */
    public void forwardWithSameParameters(Workspace ws, DMatrixRMaj inputs, Readout readout) {
        pass(ws, inputs, readout);
    }

    private void pass(Workspace ws, DMatrixRMaj inputs, Readout readout) {
        int steps = ws.steps;
        int batch = ws.batch;
        DMatrixRMaj input = inputs;
        int width = inputSize;
        for (int l = 0; l < units.length; l++) {
            DMatrixRMaj layerInput = input;
            int layerWidth = width;
            int layer = l;
            inDirections(d -> {
                DMatrixRMaj x = layerInput;
                if (d == 1) {
                    TimeBlocks.copy(layerInput, 0, ws.reversedInput[layer], 0, layerWidth, steps, batch, true);
                    x = ws.reversedInput[layer];
                }
                units[layer][d].cell.forward(units[layer][d].params, x, steps, ws.initialState[layer][d],
                        ws.traces[layer][d]);
            });
            if (directions == 2) {
                TimeBlocks.copy(ws.traces[l][0].outputs(), 0, ws.layerOutput[l], 0, hidden, steps, batch, false);
                TimeBlocks.copy(ws.traces[l][1].outputs(), 0, ws.layerOutput[l], hidden, hidden, steps, batch, true);
            }
            input = ws.output(l);
            width = directions * hidden;
        }
        predict(ws, readout);
    }

    /** Recomputes the predictions from the outputs already in {@code ws} (after the head changed). */
    public void head(Workspace ws, Readout readout) {
        parametersMayHaveChanged();
        predict(ws, readout);
    }

    /** The head's product and bias on the top layer's outputs. */
    private void predict(Workspace ws, Readout readout) {
        DMatrixRMaj top = ws.output(units.length - 1);
        int features = directions * hidden;
        int rows = ws.predictions.numRows;
        int offset = featureOffset(ws, readout);
        backend.gemm(false, true, rows, outputSize, features, 1.0, top.data, offset, features,
                headWeight.value().data, 0, features, 0.0, ws.predictions.data, 0, outputSize);
        double[] bias = headBias.value().data;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < outputSize; j++) {
                ws.predictions.data[r * outputSize + j] += bias[j];
            }
        }
    }

    /** Where the head's input rows start in the top output: the last step, or all steps. */
    public int featureOffset(Workspace ws, Readout readout) {
        return readout == Readout.LAST ? (ws.steps - 1) * ws.batch * directions * hidden : 0;
    }

    /** Back-propagates {@code ws.predictionGradient} into every parameter gradient (accumulating). */
    public void backward(Workspace ws, Readout readout) {
        int steps = ws.steps;
        int batch = ws.batch;
        int features = directions * hidden;
        int rows = ws.predictions.numRows;
        int offset = featureOffset(ws, readout);
        DMatrixRMaj top = ws.output(units.length - 1);
        DMatrixRMaj dPred = ws.predictionGradient;
        backend.gemm(true, false, outputSize, features, rows, 1.0, dPred.data, 0, outputSize, top.data, offset,
                features, 1.0, headWeight.gradient().data, 0, features);
        double[] biasGrad = headBias.gradient().data;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < outputSize; j++) {
                biasGrad[j] += dPred.data[r * outputSize + j];
            }
        }
        DMatrixRMaj dOut = ws.outputGradient[units.length - 1];
        if (readout == Readout.LAST) {
            dOut.zero();
        }
        backend.gemm(false, false, rows, features, outputSize, 1.0, dPred.data, 0, outputSize,
                headWeight.value().data, 0, features, 0.0, dOut.data, offset, features);

        for (int l = units.length - 1; l >= 0; l--) {
            DMatrixRMaj layerOut = ws.outputGradient[l];
            DMatrixRMaj dIn = l > 0 ? ws.outputGradient[l - 1] : null;
            int layer = l;
            inDirections(d -> {
                DMatrixRMaj gradOutputs = layerOut;
                if (directions == 2) {
                    TimeBlocks.copy(layerOut, d * hidden, ws.directionGradient[d], 0, hidden, steps, batch, d == 1);
                    gradOutputs = ws.directionGradient[d];
                }
                DMatrixRMaj gradInputs = dIn == null ? null : directions == 1 ? dIn : ws.directionInputGradient[layer][d];
                units[layer][d].cell.backward(units[layer][d].params, ws.traces[layer][d], gradOutputs, null,
                        units[layer][d].grads, gradInputs, null);
            });
            if (dIn != null && directions == 2) {
                TimeBlocks.copy(ws.directionInputGradient[l][0], 0, dIn, 0, features, steps, batch, false);
                TimeBlocks.add(ws.directionInputGradient[l][1], 0, dIn, 0, features, steps, batch, true);
            }
        }
    }

    /** Runs {@code work} for every direction: a direction per share when parallelized, else in order. */
    private void inDirections(java.util.function.IntConsumer work) {
        if (threads == null || directions == 1) {
            for (int d = 0; d < directions; d++) {
                work.accept(d);
            }
            return;
        }
        threads.run(share -> {
            for (int d = share.index(); d < directions; d += share.count()) {
                work.accept(d);
            }
        });
    }
}
