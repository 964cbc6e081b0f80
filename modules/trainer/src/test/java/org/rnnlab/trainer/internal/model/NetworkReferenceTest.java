package org.rnnlab.trainer.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.reference.ReferenceCase.matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.task.Readout;
import org.rnnlab.cell.gru.internal.GruCellType;
import org.rnnlab.cell.lstm.internal.LstmCellType;
import org.rnnlab.cell.rnn.internal.RnnReluCellType;
import org.rnnlab.cell.rnn.internal.RnnTanhCellType;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.reference.ReferenceCase;
import org.rnnlab.reference.ReferenceSet;
import org.rnnlab.trainer.internal.model.Network.Unit;

/**
 * The network's topology — stacked layers, the reverse direction, the concatenation of both —
 * against PyTorch's float64 {@code nn.RNN}/{@code nn.LSTM}/{@code nn.GRU}, for every {@code rnn}
 * case of the reference set (the bidirectional and 2-layer ones among them), with the real cells.
 *
 * <p>The reference has no head, so the head is made the identity: its predictions are the top
 * layer's output and a prediction gradient G is dL/d(top output). Forward, the parameter
 * gradients and the final states are the network's own; dL/dx and dL/d(initial state), which
 * {@link Network#backward} does not produce, come from running each unit's backward again on
 * the recorded window with the output gradient the network back-propagated to its layer.
 */
class NetworkReferenceTest {
    private static final double FORWARD_TOLERANCE = 1e-12;
    private static final double GRADIENT_TOLERANCE = 1e-9;
    private static final Map<String, CellType> CELLS = Map.of("rnn_tanh", new RnnTanhCellType(),
            "rnn_relu", new RnnReluCellType(), "lstm", new LstmCellType(), "gru", new GruCellType());
    /** Network's qualified name {@code l1.reverse.weight_hh} is PyTorch's {@code weight_hh_l1_reverse}. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("l(\\d+)\\.(reverse\\.)?(\\w+)");
    /** State component s reads {@code h0}/{@code c0} and is compared with {@code h_n}/{@code c_n}. */
    private static final List<String> STATES = List.of("h", "c");

    static Stream<Named<ReferenceCase>> rnnCases() {
        return ReferenceSet.standard().cases("rnn").stream().map(c -> Named.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rnnCases")
    void networkMatchesPyTorch(ReferenceCase reference) {
        int steps = reference.at("T").asInt();
        int batch = reference.at("B").asInt();
        int inputSize = reference.at("I").asInt();
        int hidden = reference.at("H").asInt();
        int layers = reference.at("num_layers").asInt();
        int directions = reference.at("num_directions").asInt();
        int rows = steps * batch;
        int features = directions * hidden;
        Network net = network(reference, layers, directions);
        Workspace ws = net.newWorkspace(batch, steps, Readout.EVERY);
        int stateSize = net.units[0][0].cell.stateSize();
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < directions; d++) {
                for (int s = 0; s < stateSize; s++) {
                    ws.initialState[l][d][s].setTo(stateOf(reference, "inputs", STATES.get(s) + "0",
                            l * directions + d, layers * directions, batch, hidden));
                }
            }
        }
        DMatrixRMaj x = matrix(reference.at("inputs", "x"), rows, inputSize);
        DMatrixRMaj g = matrix(reference.at("inputs", "G"), rows, features);

        net.forward(ws, x, Readout.EVERY);

        DMatrixRMaj top = ws.output(layers - 1);
        assertClose(matrix(reference.at("outputs", "output"), rows, features), top, FORWARD_TOLERANCE, "output");
        assertClose(top, ws.predictions, 0, "the identity head's predictions");
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < directions; d++) {
                for (int s = 0; s < stateSize; s++) {
                    String what = STATES.get(s) + "_n[" + (l * directions + d) + "]";
                    assertClose(stateOf(reference, "outputs", STATES.get(s) + "_n", l * directions + d,
                            layers * directions, batch, hidden), ws.traces[l][d].finalState()[s], FORWARD_TOLERANCE,
                            what);
                }
            }
        }
        double loss = 0;
        for (int i = 0; i < rows * features; i++) {
            loss += top.data[i] * g.data[i];
        }
        double expectedLoss = reference.at("outputs", "loss").asDouble();
        assertEquals(expectedLoss, loss, FORWARD_TOLERANCE * Math.max(1, Math.abs(expectedLoss)), "loss");

        net.zeroGradients();
        ws.predictionGradient.setTo(g);
        net.backward(ws, Readout.EVERY);

        for (Parameter p : net.parameters()) {
            if (!p.name().startsWith("head.")) {
                assertClose(matrix(reference.at("grads", pyTorchName(p.name())), p.spec().rows(), p.spec().cols()),
                        p.gradient(), GRADIENT_TOLERANCE, "d" + p.name());
            }
        }
        DMatrixRMaj gradX = new DMatrixRMaj(rows, inputSize);
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < directions; d++) {
                DMatrixRMaj[] gradInitial = inputAndStateGradients(ws, net.units[l][d], l, d, l == 0 ? gradX : null);
                for (int s = 0; s < stateSize; s++) {
                    String what = "d" + STATES.get(s) + "0[" + (l * directions + d) + "]";
                    assertClose(stateOf(reference, "grads", STATES.get(s) + "0", l * directions + d,
                            layers * directions, batch, hidden), gradInitial[s], GRADIENT_TOLERANCE, what);
                }
            }
        }
        assertClose(matrix(reference.at("grads", "x"), rows, inputSize), gradX, GRADIENT_TOLERANCE, "dx");
    }

    /** The real cells in PyTorch's layout, loaded with the case's parameters; the head is the identity. */
    private static Network network(ReferenceCase reference, int layers, int directions) {
        CellType type = CELLS.get(reference.at("mode").asText());
        int hidden = reference.at("H").asInt();
        List<Cell> cells = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < directions; d++) {
                int width = l == 0 ? reference.at("I").asInt() : directions * hidden;
                cells.add(type.create(new CellSpec(width, hidden, Options.empty(), JavaGemm.INSTANCE)));
            }
        }
        Network net = new Network(cells, layers, directions, directions * hidden, JavaGemm.INSTANCE);
        Set<String> loaded = new TreeSet<>();
        for (Parameter p : net.parameters()) {
            if (!p.name().startsWith("head.")) {
                String name = pyTorchName(p.name());
                p.value().setTo(matrix(reference.at("params", name), p.spec().rows(), p.spec().cols()));
                loaded.add(name);
            }
        }
        Set<String> expected = new TreeSet<>();
        reference.at("param_names").forEach(name -> expected.add(name.asText()));
        assertEquals(expected, loaded, "every PyTorch parameter maps to exactly one network parameter");
        CommonOps_DDRM.setIdentity(net.headWeight.value());
        net.headBias.value().zero();
        return net;
    }

    private static String pyTorchName(String qualified) {
        Matcher m = QUALIFIED_NAME.matcher(qualified);
        assertTrue(m.matches(), "unexpected parameter name " + qualified);
        return m.group(3) + "_l" + m.group(1) + (m.group(2) != null ? "_reverse" : "");
    }

    /** Entry {@code index} of a {@code [L*D][B][H]} state tensor. */
    private static DMatrixRMaj stateOf(ReferenceCase reference, String group, String field, int index, int count,
            int batch, int hidden) {
        DMatrixRMaj stacked = matrix(reference.at(group, field), count * batch, hidden);
        DMatrixRMaj state = new DMatrixRMaj(batch, hidden);
        System.arraycopy(stacked.data, index * batch * hidden, state.data, 0, batch * hidden);
        return state;
    }

    /**
     * Runs one unit's backward again on its recorded window, from the gradient the network
     * propagated to its layer's output (this direction's columns, in the direction's own time
     * order), and returns dL/d(initial state); for layer 0, dL/dx is added into {@code gradX} in
     * forward time.
     */
    private static DMatrixRMaj[] inputAndStateGradients(Workspace ws, Unit unit, int layer, int direction,
            DMatrixRMaj gradX) {
        Cell cell = unit.cell;
        int hidden = cell.hiddenSize();
        boolean reverse = direction == 1;
        DMatrixRMaj layerGradient = ws.outputGradient[layer];
        DMatrixRMaj gradOutputs = new DMatrixRMaj(ws.steps * ws.batch, hidden);
        TimeBlocks.copy(layerGradient, direction * hidden, gradOutputs, 0, hidden, ws.steps, ws.batch, reverse);
        DMatrixRMaj[] scratchParams = Arrays.stream(unit.grads).map(m -> new DMatrixRMaj(m.numRows, m.numCols))
                .toArray(DMatrixRMaj[]::new);
        DMatrixRMaj gradInputs = gradX == null ? null : new DMatrixRMaj(ws.steps * ws.batch, cell.inputSize());
        DMatrixRMaj[] gradInitial = new DMatrixRMaj[cell.stateSize()];
        for (int s = 0; s < gradInitial.length; s++) {
            gradInitial[s] = new DMatrixRMaj(ws.batch, hidden);
        }
        cell.backward(unit.params, ws.traces[layer][direction], gradOutputs, null, scratchParams, gradInputs,
                gradInitial);
        if (gradX != null) {
            TimeBlocks.add(gradInputs, 0, gradX, 0, cell.inputSize(), ws.steps, ws.batch, reverse);
        }
        return gradInitial;
    }

    /** max|actual − expected| / max(1, max|expected|) ≤ tolerance, over the elements of expected. */
    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance, String what) {
        assertTrue(actual.data.length >= expected.getNumElements(), what + ": fewer elements than expected");
        double diff = 0;
        double scale = 1;
        for (int i = 0; i < expected.getNumElements(); i++) {
            diff = Math.max(diff, Math.abs(actual.data[i] - expected.data[i]));
            scale = Math.max(scale, Math.abs(expected.data[i]));
        }
        assertTrue(diff / scale <= tolerance, what + ": relative error " + diff / scale + " > " + tolerance);
    }
}
