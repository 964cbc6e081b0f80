package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.trainer.Diagnostics;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.TrainingListener;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.core.random.Xoshiro256;

/** Every diagnostic against values computed by hand on tiny networks. */
class DiagnosticsTest {
    private final TrainerService trainer = Slice.trainer();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    @Test
    void spectraOfSmallMatricesAreTheirKnownValues() {
        DMatrixRMaj swap = new DMatrixRMaj(new double[][] {{0, 2}, {0.5, 0}}); // eigenvalues ±1, singular values 2, 0.5
        assertEquals(1.0, FlowDiagnostics.spectralRadius(swap), 1e-12);
        assertEquals(2.0, FlowDiagnostics.largestSingularValue(swap), 1e-12);
        double c = 0.9 * Math.cos(0.3);
        double s = 0.9 * Math.sin(0.3);
        DMatrixRMaj rotation = new DMatrixRMaj(new double[][] {{c, -s}, {s, c}}); // complex pair of modulus 0.9
        assertEquals(0.9, FlowDiagnostics.spectralRadius(rotation), 1e-12);
        assertEquals(0.9, FlowDiagnostics.largestSingularValue(rotation), 1e-12);
    }

    @Test
    void aGatedMatrixIsMeasuredPerGateBlock() {
        ParameterSpec spec = new ParameterSpec("weight_hh", 4, 2, ParameterRole.RECURRENT_WEIGHTS, List.of("r", "z"), true);
        DMatrixRMaj value = new DMatrixRMaj(new double[][] {{3, 0}, {0, 1}, {0, 0.5}, {0.25, 0}});
        List<Diagnostics.MatrixSpectrum> blocks = FlowDiagnostics.spectra("l0.weight_hh", spec, value);
        assertEquals(List.of("r", "z"), blocks.stream().map(Diagnostics.MatrixSpectrum::block).toList());
        assertEquals(3.0, blocks.get(0).spectralRadius(), 1e-12);
        assertEquals(3.0, blocks.get(0).largestSingularValue(), 1e-12);
        assertEquals(Math.sqrt(0.125), blocks.get(1).spectralRadius(), 1e-12); // eigenvalues ±sqrt(0.5 * 0.25)
        assertEquals(0.5, blocks.get(1).largestSingularValue(), 1e-12);
    }

    /**
     * One tanh unit, w_hh = 0.8: ∂h_t/∂h_{t-1} = w (1 − h_t²), so back from T = 2 the norms are
     * 1, |w (1 − h_2²)| and |w (1 − h_2²) w (1 − h_1²)|; h_t = tanh(x_t + w h_{t-1}).
     */
    @Test
    void jacobianNormsOfOneTanhUnitAreTheProductsOfItsSlopes() {
        Cell cell = trainer.registry().cells.get("rnn-tanh")
                .create(new CellSpec(1, 1, Options.of("rnn-tanh", Map.of()), JavaGemm.INSTANCE));
        double w = 0.8;
        DMatrixRMaj[] params = {new DMatrixRMaj(1, 1, true, 1.0), new DMatrixRMaj(1, 1, true, w), new DMatrixRMaj(1, 1),
                new DMatrixRMaj(1, 1)};
        CellTrace trace = cell.newTrace(1, 3);
        double[] x = {0.5, -1.0, 2.0};
        cell.forward(params, new DMatrixRMaj(3, 1, true, x), 3, new DMatrixRMaj[] {new DMatrixRMaj(1, 1)}, trace);
        double h0 = Math.tanh(x[0]);
        double h1 = Math.tanh(x[1] + w * h0);
        double h2 = Math.tanh(x[2] + w * h1);
        double[] norms = FlowDiagnostics.jacobianNorms(cell, params, trace, Xoshiro256.stream(1, "t"));
        assertArrayEquals(new double[] {Math.abs(w * (1 - h2 * h2) * w * (1 - h1 * h1)), Math.abs(w * (1 - h2 * h2)), 1},
                norms, 1e-12);
        // |h_2| > 0.995 is saturated (1 − h² < 0.01), the others not
        assertEquals(h2 * h2 > 0.99 ? 1 / 3.0 : 0.0, trace.saturation(), 0.0);
    }

    @Test
    void saturationCountsTheUnitsWhoseSlopeIsBelowOnePercent() {
        Cell cell = trainer.registry().cells.get("rnn-tanh")
                .create(new CellSpec(1, 2, Options.of("rnn-tanh", Map.of()), JavaGemm.INSTANCE));
        DMatrixRMaj[] params = {new DMatrixRMaj(new double[][] {{10}, {0.1}}), new DMatrixRMaj(2, 2),
                new DMatrixRMaj(1, 2), new DMatrixRMaj(1, 2)};
        CellTrace trace = cell.newTrace(1, 2);
        DMatrixRMaj[] zero = {new DMatrixRMaj(1, 2)};
        cell.forward(params, new DMatrixRMaj(2, 1, true, 1.0, 1.0), 2, zero, trace);
        assertEquals(0.5, trace.saturation(), 0.0, "tanh(10) is saturated, tanh(0.1) is not, at both steps");
        Cell relu = trainer.registry().cells.get("rnn-relu")
                .create(new CellSpec(1, 2, Options.of("rnn-relu", Map.of()), JavaGemm.INSTANCE));
        CellTrace reluTrace = relu.newTrace(1, 2);
        relu.forward(params, new DMatrixRMaj(2, 1, true, 1.0, 1.0), 2, zero, reluTrace);
        assertTrue(Double.isNaN(reluTrace.saturation()), "a ReLU has no sigmoid or tanh units");
    }

    /**
     * Every squashing cell, one step from zero state with input 1: all weights zero gives sigmoids
     * of 0.5 and tanh of 0 (slopes 0.25 and 1: nothing saturated); input weights of 50 saturate
     * every gate, but an LSTM's tanh(c_0) = tanh(i·g) = tanh(1) is not, so 4 of its 5 activations are.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"lstm, 0.8", "gru, 1", "mgu, 1", "mingru, 1", "esn, 1"})
    void everySquashingCellReportsItsSaturation(String name, double saturatedByLargeInputs) {
        Cell cell = trainer.registry().cells.get(name)
                .create(new CellSpec(1, 2, Options.of(name, Map.of()), JavaGemm.INSTANCE));
        DMatrixRMaj[] params = new DMatrixRMaj[cell.parameters().size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = new DMatrixRMaj(cell.parameters().get(i).rows(), cell.parameters().get(i).cols());
        }
        CellTrace trace = cell.newTrace(1, 1);
        DMatrixRMaj[] zero = new DMatrixRMaj[cell.stateSize()];
        for (int s = 0; s < zero.length; s++) {
            zero[s] = new DMatrixRMaj(1, 2);
        }
        DMatrixRMaj one = new DMatrixRMaj(1, 1, true, 1.0);
        cell.forward(params, one, 1, zero, trace);
        assertEquals(0.0, trace.saturation(), 0.0, name + " with zero weights");
        for (int i = 0; i < params.length; i++) {
            if (cell.parameters().get(i).role() == ParameterRole.INPUT_WEIGHTS) {
                java.util.Arrays.fill(params[i].data, 50);
            }
        }
        cell.forward(params, one, 1, zero, trace);
        assertEquals(saturatedByLargeInputs, trace.saturation(), 1e-12, name + " with input weights of 50");
    }

    /** Plain SGD moves θ by lr·g, so ‖Δθ‖/‖θ‖ = lr‖g‖/‖θ‖; the rate is the schedule's at that update. */
    @Test
    void aDiagnosticStepReportsUpdateRatiosRatesAndEveryLayer() throws InterruptedException {
        List<StepReport> reports = new CopyOnWriteArrayList<>();
        trainer.addListener(new TrainingListener() {
            @Override
            public void step(StepReport report) {
                reports.add(report);
            }
        }, Map.of());
        trainer.create("d", Slice.spec(Map.of("length", "6", "hidden", "3", "batch", "2", "layers", "2",
                "bidirectional", "true", "optimizer", "sgd", "lr", "0.1", "warmup", "4", "diagnostics", "2",
                "report", "1000")));
        Slice.train(trainer, "d", 4);
        assertEquals(List.of(2L, 4L), reports.stream().map(StepReport::step).toList(), "reported at diagnostic steps");
        Diagnostics at4 = reports.get(1).diagnostics();
        assertEquals(0.1 * 4 / 4, at4.learningRate(), 1e-15, "the 4th update of a warm-up over 4");
        assertEquals(0.1 * 2 / 4, reports.get(0).diagnostics().learningRate(), 1e-15);
        assertEquals(4, at4.units().size(), "two layers, two directions");
        assertArrayEquals(reports.get(1).hiddenGradientNorms(), at4.units().get(0).hiddenGradientNorms());
        for (Diagnostics.UnitFlow unit : at4.units()) {
            assertEquals(6, unit.jacobianNorms().length);
            assertEquals(1.0, unit.jacobianNorms()[5], 1e-12);
        }
        for (Diagnostics.ParameterStats p : at4.parameters()) {
            assertEquals(at4.learningRate() * p.gradientNorm() / p.valueNorm(), p.updateRatio(), 1e-9 * p.updateRatio() + 1e-15,
                    p.name());
        }
        assertEquals(List.of("l0.weight_hh", "l0.reverse.weight_hh", "l1.weight_hh", "l1.reverse.weight_hh"),
                at4.spectra().stream().map(Diagnostics.MatrixSpectrum::parameter).toList());
    }

    @Test
    void withoutDiagnosticsNothingIsMeasured() throws InterruptedException {
        List<StepReport> reports = Slice.reports(trainer, "n");
        trainer.create("n", Slice.spec(Map.of("length", "6", "hidden", "3", "report", "2")));
        Slice.train(trainer, "n", 4);
        assertEquals(2, reports.size());
        reports.forEach(r -> assertNull(r.diagnostics()));
    }
}
