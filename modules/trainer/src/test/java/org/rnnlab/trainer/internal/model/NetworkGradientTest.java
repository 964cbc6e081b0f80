package org.rnnlab.trainer.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.testkit.DeclarativeComponents;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.core.random.Xoshiro256;

/**
 * The whole network's gradient (stacking, both directions, the head, both losses and readouts)
 * against central finite differences of the loss, for every parameter element of every cell
 * (an ESN's frozen parameters included: their gradients are computed, only never applied).
 */
class NetworkGradientTest {
    private static final double STEP = 1e-6;
    private static final DeclarativeComponents CELL_TYPES = DeclarativeComponents.onClassPath();

    @ParameterizedTest(name = "{0} layers={1} directions={2} {3} {4}")
    @CsvSource({
            "rnn-tanh, 1, 1, LAST, MSE",
            "rnn-tanh, 2, 1, EVERY, MSE",
            "rnn-tanh, 1, 2, LAST, MSE",
            "rnn-tanh, 2, 2, EVERY, CROSS_ENTROPY",
            "rnn-tanh, 2, 2, LAST, CROSS_ENTROPY",
            "rnn-relu, 2, 2, EVERY, MSE",
            "lstm, 2, 2, EVERY, MSE",
            "gru, 2, 2, LAST, CROSS_ENTROPY",
            "mgu, 2, 2, EVERY, MSE",
            "mingru, 2, 2, EVERY, CROSS_ENTROPY",
            "esn, 2, 2, EVERY, MSE" })
    void backwardMatchesFiniteDifferences(String cellName, int layers, int directions, Readout readout, Loss loss) {
        int input = 3, hidden = 4, outputs = 3, batch = 2, steps = 5;
        Xoshiro256 rng = new Xoshiro256(layers * 10L + directions);
        List<Cell> cells = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < directions; d++) {
                cells.add(CELL_TYPES.find(CellType.class, cellName).orElseThrow().create(new CellSpec(
                        l == 0 ? input : directions * hidden, hidden, Options.of(cellName, Map.of()), JavaGemm.INSTANCE)));
            }
        }
        Network net = new Network(cells, layers, directions, outputs, JavaGemm.INSTANCE);
        for (Parameter p : net.parameters()) {
            fill(p.value(), rng, 0.6);
        }
        Batch data = new Batch(batch, steps, input, outputs, loss, readout);
        fill(data.inputs(), rng, 1.0);
        if (loss == Loss.MSE) {
            fill(data.targets(), rng, 1.0);
        } else {
            for (int i = 0; i < data.labels().length; i++) {
                data.labels()[i] = rng.nextInt(outputs);
            }
        }
        data.mask()[0] = 0.0; // a masked position must not contribute
        Workspace ws = net.newWorkspace(batch, steps, readout);

        net.zeroGradients();
        double base = lossOf(net, ws, data, loss, readout, true);
        net.backward(ws, readout);
        assertTrue(Double.isFinite(base));

        double worst = 0;
        for (Parameter p : net.parameters()) {
            DMatrixRMaj analytic = p.gradient().copy();
            for (int i = 0; i < p.value().getNumElements(); i++) {
                double saved = p.value().data[i];
                p.value().data[i] = saved + STEP;
                double plus = lossOf(net, ws, data, loss, readout, false);
                p.value().data[i] = saved - STEP;
                double minus = lossOf(net, ws, data, loss, readout, false);
                p.value().data[i] = saved;
                double numeric = (plus - minus) / (2 * STEP);
                double error = Math.abs(numeric - analytic.data[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic.data[i]));
                worst = Math.max(worst, error);
                assertEquals(numeric, analytic.data[i], 1e-6 * Math.max(1, Math.abs(numeric)), p.name() + "[" + i + "]");
            }
        }
        assertTrue(worst < 1e-5, "worst relative error " + worst);
    }

    private static double lossOf(Network net, Workspace ws, Batch data, Loss loss, Readout readout, boolean withGradient) {
        ws.resetState();
        net.forward(ws, data.inputs(), readout);
        return Objective.score(loss, ws, data, withGradient, null).loss();
    }

    private static void fill(DMatrixRMaj m, Xoshiro256 rng, double scale) {
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = scale * (2 * rng.nextDouble() - 1);
        }
    }
}
