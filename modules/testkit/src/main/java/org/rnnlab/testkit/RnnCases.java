package org.rnnlab.testkit;

import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.reference.ReferenceCase;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A case of type "rnn": the cells of every layer and direction built from the reference
 * parameters, run forward over the window and back with dL/d(output) = G, everything compared:
 * output, h_n, c_n, loss, every parameter gradient, dL/dx, dL/dh0, dL/dc0. Stacking and the
 * reverse direction follow PyTorch's documented layout (reference README), written out here
 * plainly as an oracle independent of the trainer.
 */
final class RnnCases {
    /** The reference's modes and the rnnlab cells that stand for them. */
    static final Map<String, String> CELL_OF_MODE = Map.of("rnn_tanh", "rnn-tanh", "rnn_relu", "rnn-relu", "lstm",
            "lstm", "gru", "gru");

    private RnnCases() {
    }

    /** The case with one tolerance for everything compared. */
    static CaseResult check(ReferenceCase reference, ComponentSource components, double tolerance) {
        return check(reference, components, tolerance, tolerance);
    }

    /**
     * The case with {@code forwardTolerance} for output, h_n, c_n and loss, and
     * {@code gradientTolerance} for the gradients; forward must also leave h0 and c0 as they were.
     */
    static CaseResult check(ReferenceCase reference, ComponentSource components, double forwardTolerance,
            double gradientTolerance) {
        JsonNode root = reference.json();
        String cellName = CELL_OF_MODE.get(root.get("mode").asText());
        CellType type = cellName == null ? null : components.find(CellType.class, cellName).orElse(null);
        if (type == null) {
            return CaseResult.failed(reference.name(), "no cell for mode " + root.get("mode").asText());
        }
        Model model = new Model(reference, type);
        Comparison forward = new Comparison();
        DMatrixRMaj output = model.forward();
        if (!java.util.Arrays.equals(ReferenceCase.flat(reference.at("inputs", "h0")), model.initialStates(0))
                || model.stateSize > 1
                        && !java.util.Arrays.equals(ReferenceCase.flat(reference.at("inputs", "c0")), model.initialStates(1))) {
            return CaseResult.failed(reference.name(), "forward wrote its initial state");
        }
        forward.check("output", ReferenceCase.flat(reference.at("outputs", "output")), output.data, output.getNumElements());
        forward.check("h_n", ReferenceCase.flat(reference.at("outputs", "h_n")), model.finalStates(0));
        if (model.stateSize > 1) {
            forward.check("c_n", ReferenceCase.flat(reference.at("outputs", "c_n")), model.finalStates(1));
        }
        double[] g = ReferenceCase.flat(reference.at("inputs", "G"));
        double loss = 0;
        for (int i = 0; i < g.length; i++) {
            loss += output.data[i] * g[i];
        }
        forward.check("loss", reference.at("outputs", "loss").asDouble(), loss);
        Comparison gradients = new Comparison();
        model.backward(new DMatrixRMaj(output.numRows, output.numCols, true, g));
        for (Map.Entry<String, DMatrixRMaj> gradient : model.parameterGradients().entrySet()) {
            gradients.check("grad " + gradient.getKey(), ReferenceCase.flat(reference.at("grads", gradient.getKey())),
                    gradient.getValue().data);
        }
        gradients.check("grad x", ReferenceCase.flat(reference.at("grads", "x")), model.inputGradient.data,
                model.inputGradient.getNumElements());
        gradients.check("grad h0", ReferenceCase.flat(reference.at("grads", "h0")), model.initialGradients(0));
        if (model.stateSize > 1) {
            gradients.check("grad c0", ReferenceCase.flat(reference.at("grads", "c0")), model.initialGradients(1));
        }
        return CaseResult.of(reference.name(), forward, forwardTolerance, gradients, gradientTolerance);
    }

    /** The layers and directions of one case, with their reference parameters and state. */
    static final class Model {
        final int steps;
        final int batch;
        final int hidden;
        final int layers;
        final int directions;
        final int stateSize;
        final Cell[][] cells;
        final DMatrixRMaj[][][] params;
        final DMatrixRMaj[][][] grads;
        final DMatrixRMaj[][][] initial;
        final DMatrixRMaj[][][] initialGrads;
        final CellTrace[][] traces;
        final DMatrixRMaj x;
        DMatrixRMaj inputGradient;
        private final String[][] names;

        Model(ReferenceCase reference, CellType type) {
            JsonNode root = reference.json();
            steps = root.get("T").asInt();
            batch = root.get("B").asInt();
            hidden = root.get("H").asInt();
            layers = root.get("num_layers").asInt();
            directions = root.get("num_directions").asInt();
            int input = root.get("I").asInt();
            x = ReferenceCase.matrix(reference.at("inputs", "x"), steps * batch, input);
            cells = new Cell[layers][directions];
            params = new DMatrixRMaj[layers][directions][];
            grads = new DMatrixRMaj[layers][directions][];
            initial = new DMatrixRMaj[layers][directions][];
            initialGrads = new DMatrixRMaj[layers][directions][];
            traces = new CellTrace[layers][directions];
            names = new String[layers][];
            int states = 1;
            for (int l = 0; l < layers; l++) {
                for (int d = 0; d < directions; d++) {
                    Cell cell = type.create(new CellSpec(l == 0 ? input : directions * hidden, hidden,
                            Options.of(root.get("mode").asText(), Map.of()), JavaGemm.INSTANCE));
                    cells[l][d] = cell;
                    states = cell.stateSize();
                    List<ParameterSpec> specs = cell.parameters();
                    params[l][d] = new DMatrixRMaj[specs.size()];
                    grads[l][d] = new DMatrixRMaj[specs.size()];
                    for (int p = 0; p < specs.size(); p++) {
                        ParameterSpec spec = specs.get(p);
                        params[l][d][p] = ReferenceCase.matrix(reference.at("params", torchName(spec, l, d)), spec.rows(), spec.cols());
                        grads[l][d][p] = new DMatrixRMaj(spec.rows(), spec.cols());
                    }
                    initial[l][d] = new DMatrixRMaj[states];
                    initialGrads[l][d] = new DMatrixRMaj[states];
                    for (int s = 0; s < states; s++) {
                        double[] all = ReferenceCase.flat(reference.at("inputs", s == 0 ? "h0" : "c0"));
                        int block = batch * hidden;
                        initial[l][d][s] = new DMatrixRMaj(batch, hidden);
                        System.arraycopy(all, (l * directions + d) * block, initial[l][d][s].data, 0, block);
                        initialGrads[l][d][s] = new DMatrixRMaj(batch, hidden);
                    }
                    traces[l][d] = cell.newTrace(batch, steps);
                }
            }
            stateSize = states;
        }

        /** PyTorch's name of a cell parameter in layer l, direction d: weight_ih_l0_reverse. */
        static String torchName(ParameterSpec spec, int layer, int direction) {
            return spec.name() + "_l" + layer + (direction == 1 ? "_reverse" : "");
        }

        DMatrixRMaj forward() {
            DMatrixRMaj input = x;
            for (int l = 0; l < layers; l++) {
                DMatrixRMaj output = new DMatrixRMaj(steps * batch, directions * hidden);
                for (int d = 0; d < directions; d++) {
                    DMatrixRMaj in = d == 0 ? input : reversed(input);
                    cells[l][d].forward(params[l][d], in, steps, initial[l][d], traces[l][d]);
                    DMatrixRMaj h = d == 0 ? traces[l][d].outputs() : reversed(traces[l][d].outputs());
                    place(h, output, d * hidden);
                }
                input = output;
            }
            return input;
        }

        void backward(DMatrixRMaj gradOutput) {
            DMatrixRMaj upstream = gradOutput;
            for (int l = layers - 1; l >= 0; l--) {
                int width = l == 0 ? x.numCols : directions * hidden;
                DMatrixRMaj downstream = new DMatrixRMaj(steps * batch, width);
                for (int d = 0; d < directions; d++) {
                    DMatrixRMaj mine = columns(upstream, d * hidden, hidden);
                    DMatrixRMaj gradIn = new DMatrixRMaj(steps * batch, width);
                    cells[l][d].backward(params[l][d], traces[l][d], d == 0 ? mine : reversed(mine), null, grads[l][d],
                            gradIn, initialGrads[l][d]);
                    DMatrixRMaj inForwardTime = d == 0 ? gradIn : reversed(gradIn);
                    for (int i = 0; i < downstream.data.length; i++) {
                        downstream.data[i] += inForwardTime.data[i];
                    }
                }
                upstream = downstream;
            }
            inputGradient = upstream;
        }

        Map<String, DMatrixRMaj> parameterGradients() {
            Map<String, DMatrixRMaj> out = new java.util.LinkedHashMap<>();
            for (int l = 0; l < layers; l++) {
                for (int d = 0; d < directions; d++) {
                    List<ParameterSpec> specs = cells[l][d].parameters();
                    for (int p = 0; p < specs.size(); p++) {
                        out.put(torchName(specs.get(p), l, d), grads[l][d][p]);
                    }
                }
            }
            return out;
        }

        double[] finalStates(int component) {
            return gather((l, d) -> traces[l][d].finalState()[component]);
        }

        double[] initialStates(int component) {
            return gather((l, d) -> initial[l][d][component]);
        }

        double[] initialGradients(int component) {
            return gather((l, d) -> initialGrads[l][d][component]);
        }

        /** Matrices per layer and direction in PyTorch's order (index l * D + d), flattened. */
        private double[] gather(java.util.function.BiFunction<Integer, Integer, DMatrixRMaj> of) {
            int block = batch * hidden;
            double[] out = new double[layers * directions * block];
            for (int l = 0; l < layers; l++) {
                for (int d = 0; d < directions; d++) {
                    System.arraycopy(of.apply(l, d).data, 0, out, (l * directions + d) * block, block);
                }
            }
            return out;
        }

        private DMatrixRMaj reversed(DMatrixRMaj m) {
            DMatrixRMaj out = new DMatrixRMaj(steps * batch, m.numCols);
            int block = batch * m.numCols;
            for (int t = 0; t < steps; t++) {
                System.arraycopy(m.data, t * block, out.data, (steps - 1 - t) * block, block);
            }
            return out;
        }

        private void place(DMatrixRMaj part, DMatrixRMaj whole, int column) {
            for (int row = 0; row < steps * batch; row++) {
                System.arraycopy(part.data, row * part.numCols, whole.data, row * whole.numCols + column, part.numCols);
            }
        }

        private DMatrixRMaj columns(DMatrixRMaj whole, int column, int width) {
            DMatrixRMaj part = new DMatrixRMaj(steps * batch, width);
            for (int row = 0; row < steps * batch; row++) {
                System.arraycopy(whole.data, row * whole.numCols + column, part.data, row * width, width);
            }
            return part;
        }
    }
}
