package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.remedy.internal.RemedyFixtures.assertRejected;
import static org.rnnlab.remedy.internal.RemedyFixtures.configure;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;

/**
 * Ω and its gradient on a small tanh RNN (the real rnn-tanh cell after a real forward and backward
 * pass). Eq. 10 treats the states and ∂E/∂h_t as constants, so Ω is checked as a function of the
 * weights with the trace and its recorded ∂E/∂h_t held fixed: the finite differences perturb a
 * weight and evaluate Ω again from the same trace, exactly the function whose gradient eq. 10 is.
 */
class PascanuPenaltyTest {
    private static final int STEPS = 5;
    private static final int BATCH = 3;
    private static final int INPUT = 2;
    private static final int HIDDEN = 4;
    private static final double LAMBDA = 0.7;
    private static final double STEP = 1e-6;
    private static final double GRADIENT_TOLERANCE = 1e-8;

    private final Remedy penalty = configure(new PascanuRemedy(), "pascanu", "lambda", Double.toString(LAMBDA));

    @Test
    void defaultsToLambdaOneHundredthAtTheLossHook() {
        Remedy remedy = configure(new PascanuRemedy(), "pascanu");
        assertEquals(new PascanuPenalty(0.01), remedy);
        assertEquals(HookPoint.LOSS, remedy.hookPoint());
    }

    @Test
    void omegaIsEquationNinePerSequenceSummedOverStepsAndAveragedOverTheBatch() {
        OneLayerModel model = OneLayerModel.elmanWindow(11, STEPS, BATCH, INPUT, HIDDEN);
        Map<String, Double> report = new HashMap<>();

        double added = penalty.penalize(model, report);

        double omega = elmanOmega(model);
        assertTrue(omega > 0.1, "a case where Ω matters: " + omega);
        assertEquals(omega, report.get("omega"), 1e-12 * omega);
        assertEquals(LAMBDA * omega, added, 1e-12 * omega);
        assertEquals(Map.of("penalty", added, "omega", report.get("omega"), "skipped", 0.0), report);
    }

    @Test
    void gradientIsEquationTenByCentralDifferences() {
        OneLayerModel model = OneLayerModel.elmanWindow(12, STEPS, BATCH, INPUT, HIDDEN);
        assertGradientMatchesCentralDifferences(model);
        assertTrue(maxAbs(model.gradients[model.index("weight_hh")]) > 1e-3, "W_hh receives a gradient");
        for (String constant : new String[] { "weight_ih", "bias_ih", "bias_hh" }) {
            assertEquals(0.0, maxAbs(model.gradients[model.index(constant)]), constant + " is not in the Jacobian");
        }
    }

    /** Sequence 1 gets no gradient from the loss, so all its steps fall under ‖∂E/∂h‖² &lt; 1e-20. */
    @Test
    void stepsWithoutGradientAreLeftOut() {
        OneLayerModel model = OneLayerModel.elmanWindow(13, STEPS, BATCH, INPUT, HIDDEN, 1);
        Map<String, Double> report = new HashMap<>();

        double added = penalty.penalize(model, report);

        assertEquals((double) STEPS, report.get("skipped"));
        assertEquals(LAMBDA * elmanOmega(model), added, 1e-12 * added);
        assertGradientMatchesCentralDifferences(model);
    }

    @Test
    void aWindowWithoutAnyGradientHasNoPenalty() {
        OneLayerModel model = OneLayerModel.elmanWindow(14, STEPS, BATCH, INPUT, HIDDEN, 0, 1, 2);
        Map<String, Double> report = new HashMap<>();

        assertEquals(0.0, penalty.penalize(model, report));

        assertEquals((double) STEPS * BATCH, report.get("skipped"));
        for (DMatrixRMaj g : model.gradients) {
            assertEquals(0.0, maxAbs(g));
        }
    }

    @Test
    void theGradientIsAddedToTheGradientsAlreadyThere() {
        OneLayerModel model = OneLayerModel.elmanWindow(15, STEPS, BATCH, INPUT, HIDDEN);
        penalty.penalize(model, new HashMap<>());
        DMatrixRMaj alone = model.gradients[model.index("weight_hh")].copy();

        model.zeroGradients();
        model.gradients[model.index("weight_hh")].fill(1);
        penalty.penalize(model, new HashMap<>());

        DMatrixRMaj sum = model.gradients[model.index("weight_hh")];
        for (int i = 0; i < alone.data.length; i++) {
            assertEquals(1 + alone.data[i], sum.data[i], 1e-15);
        }
    }

    /**
     * With two state components, Ω is measured on h with v = (∂E/∂h, 0): the C block of the test
     * cell's Jacobian maps c to h and h to c, so it must not enter Ω nor receive a gradient.
     */
    @Test
    void cellsWithTwoStateComponentsAreMeasuredOnTheHiddenState() {
        SplittableRandom random = new SplittableRandom(16);
        TwoStateCell cell = new TwoStateCell(HIDDEN);
        DMatrixRMaj[] params = { OneLayerModel.uniform(HIDDEN, HIDDEN, 0.6, random),
                OneLayerModel.uniform(HIDDEN, HIDDEN, 0.6, random) };
        CellTrace window = new TwoStateCell.Window(BATCH, STEPS, OneLayerModel.uniform(STEPS * BATCH, HIDDEN, 1, random));
        OneLayerModel model = new OneLayerModel(cell, params, window);

        double added = penalty.penalize(model, new HashMap<>());

        double omega = 0;
        double[] g = window.hiddenGradients().data;
        for (int row = 0; row < STEPS * BATCH; row++) {
            double gNorm = Math.sqrt(sumOfSquares(g, row * HIDDEN, HIDDEN));
            double[] u = rowTimes(g, row * HIDDEN, params[TwoStateCell.A]);
            omega += square(Math.sqrt(sumOfSquares(u, 0, HIDDEN)) / gNorm - 1) / BATCH;
        }
        assertEquals(LAMBDA * omega, added, 1e-12 * added);
        assertGradientMatchesCentralDifferences(model);
        assertEquals(0.0, maxAbs(model.gradients[TwoStateCell.C]));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "lambda, 0, lambda=0 is not accepted; expected a number > 0",
            "lambda, -2, lambda=-2 is not accepted; expected a number > 0",
            "lambda, strong, lambda=strong is not accepted; expected a number",
            "alpha, 2, 'unknown option ''alpha'' for pascanu; accepted: lambda'" })
    void badOptionsGetOneLineMessages(String key, String value, String expected) {
        assertRejected(expected, new PascanuRemedy(), "pascanu", key, value);
    }

    /**
     * The gradient one call adds against central differences of the penalty over every element of
     * every parameter, the trace and its ∂E/∂h_t unchanged.
     */
    private void assertGradientMatchesCentralDifferences(OneLayerModel model) {
        model.zeroGradients();
        penalty.penalize(model, new HashMap<>());
        DMatrixRMaj[] analytic = new DMatrixRMaj[model.size()];
        for (int p = 0; p < analytic.length; p++) {
            analytic[p] = model.gradients[p].copy();
        }
        for (int p = 0; p < analytic.length; p++) {
            double[] w = model.params[p].data;
            for (int i = 0; i < w.length; i++) {
                double saved = w[i];
                w[i] = saved + STEP;
                double plus = penalty.penalize(model, new HashMap<>());
                w[i] = saved - STEP;
                double minus = penalty.penalize(model, new HashMap<>());
                w[i] = saved;
                double numeric = (plus - minus) / (2 * STEP);
                assertEquals(numeric, analytic[p].data[i], GRADIENT_TOLERANCE * Math.max(1, Math.abs(numeric)),
                        model.name(p) + "[" + i + "]");
            }
        }
        for (int p = 0; p < analytic.length; p++) {
            model.gradients[p].setTo(analytic[p]);
        }
    }

    /**
     * Ω from the explicit Jacobian of the tanh cell, ∂h_t/∂h_{t-1} = diag(1 − h_t²) W_hh, built from
     * the recorded outputs and ∂E/∂h_t; pairs with ‖∂E/∂h_t‖² &lt; 1e-20 left out.
     */
    private static double elmanOmega(OneLayerModel model) {
        DMatrixRMaj weightHh = model.params[model.index("weight_hh")];
        double[] g = model.trace.hiddenGradients().data;
        double[] h = model.trace.outputs().data;
        double omega = 0;
        for (int row = 0; row < STEPS * BATCH; row++) {
            int from = row * HIDDEN;
            double gSquared = sumOfSquares(g, from, HIDDEN);
            if (gSquared < 1e-20) {
                continue;
            }
            double[] scaled = new double[HIDDEN];
            for (int i = 0; i < HIDDEN; i++) {
                scaled[i] = g[from + i] * (1 - h[from + i] * h[from + i]);
            }
            double[] u = rowTimes(scaled, 0, weightHh);
            omega += square(Math.sqrt(sumOfSquares(u, 0, HIDDEN) / gSquared) - 1) / BATCH;
        }
        return omega;
    }

    /** The row vector a[from, from + rows of m) times m. */
    private static double[] rowTimes(double[] a, int from, DMatrixRMaj m) {
        double[] out = new double[m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out[j] += a[from + i] * m.get(i, j);
            }
        }
        return out;
    }

    private static double sumOfSquares(double[] a, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += a[i] * a[i];
        }
        return sum;
    }

    private static double square(double x) {
        return x * x;
    }

    private static double maxAbs(DMatrixRMaj m) {
        double max = 0;
        for (double x : m.data) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }
}
