package org.rnnlab.cell.gru.internal;

import static org.rnnlab.cell.gru.internal.Fixtures.assertClose;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * v · ∂h_t/∂h_{t-1} against central differences of one step: h_{t-1} is perturbed element by
 * element and the step is run again from it with the cell's own forward pass.
 */
class StateVjpTest {
    private static final int STEPS = 5;
    private static final int BATCH = 2;
    private static final int INPUT = 3;
    private static final int HIDDEN = 4;
    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-6;

    /** A recorded random window. */
    private static final class Window {
        final Cell cell;
        final DMatrixRMaj[] params;
        final DMatrixRMaj inputs;
        final DMatrixRMaj[] initialState;
        final CellTrace trace;
        final Xoshiro256 random;

        Window(String cellName, long seed) {
            random = new Xoshiro256(seed);
            cell = Fixtures.cell(cellName, INPUT, HIDDEN);
            params = Fixtures.parameters(cell, 0.5, random);
            inputs = Fixtures.gaussian(STEPS * BATCH, INPUT, 1, random);
            initialState = Fixtures.states(cell, BATCH, 0.5, random);
            trace = cell.newTrace(BATCH, STEPS);
            cell.forward(params, inputs, STEPS, initialState, trace);
        }
    }

    @ParameterizedTest(name = "{0} at step {1}")
    @CsvSource({"gru, 0", "gru, 3", "mgu, 0", "mgu, 4", "mingru, 0", "mingru, 2"})
    void matchesCentralDifferencesOfOneStep(String cellName, int t) {
        Window window = new Window(cellName, 21 + t);
        Cell cell = window.cell;
        DMatrixRMaj[] v = Fixtures.states(cell, BATCH, 1, window.random);
        DMatrixRMaj[] analytic = Fixtures.zeroStates(cell, BATCH);
        cell.stateVjp(window.params, window.trace, t, v, analytic);

        DMatrixRMaj[] previous = {
                t == 0 ? window.initialState[0].copy() : Fixtures.step(window.trace.outputs(), t - 1, BATCH)};
        DMatrixRMaj stepInputs = Fixtures.step(window.inputs, t, BATCH);
        CellTrace stepTrace = cell.newTrace(BATCH, 1);
        DMatrixRMaj numeric = new DMatrixRMaj(BATCH, HIDDEN);
        for (int i = 0; i < numeric.data.length; i++) {
            double saved = previous[0].data[i];
            previous[0].data[i] = saved + STEP;
            cell.forward(window.params, stepInputs, 1, previous, stepTrace);
            double plus = Fixtures.dot(v, stepTrace.finalState());
            previous[0].data[i] = saved - STEP;
            cell.forward(window.params, stepInputs, 1, previous, stepTrace);
            double minus = Fixtures.dot(v, stepTrace.finalState());
            previous[0].data[i] = saved;
            numeric.data[i] = (plus - minus) / (2 * STEP);
        }
        assertClose(numeric, analytic[0], TOLERANCE, cellName + " v·∂h_" + t + "/∂h_" + (t - 1));
    }

    /**
     * The parameter gradient of ⟨w, v·∂h_t/∂h_{t-1}⟩ with the recorded activations held constant
     * (Pascanu et al. 2013, eq. 10): central differences of stateVjp itself over every parameter,
     * reusing the same trace, so only the explicit weights vary. For mingru, whose Jacobian holds
     * no parameter, both sides are zero.
     */
    @ParameterizedTest(name = "{0} at step {1}")
    @CsvSource({"gru, 0", "gru, 4", "mgu, 0", "mgu, 3", "mingru, 2"})
    void parameterGradientMatchesCentralDifferences(String cellName, int t) {
        Window window = new Window(cellName, 34 + t);
        Cell cell = window.cell;
        DMatrixRMaj[] params = window.params;
        DMatrixRMaj[] v = Fixtures.states(cell, BATCH, 1, window.random);
        DMatrixRMaj[] w = Fixtures.states(cell, BATCH, 1, window.random);

        DMatrixRMaj[] analytic = Fixtures.zeros(cell.parameters());
        cell.stateVjpParameterGradient(params, window.trace, t, v, w, analytic);

        DMatrixRMaj[] out = Fixtures.zeroStates(cell, BATCH);
        for (int p = 0; p < params.length; p++) {
            DMatrixRMaj numeric = new DMatrixRMaj(params[p].numRows, params[p].numCols);
            for (int i = 0; i < params[p].data.length; i++) {
                double saved = params[p].data[i];
                params[p].data[i] = saved + STEP;
                cell.stateVjp(params, window.trace, t, v, out);
                double plus = Fixtures.dot(w, out);
                params[p].data[i] = saved - STEP;
                cell.stateVjp(params, window.trace, t, v, out);
                double minus = Fixtures.dot(w, out);
                params[p].data[i] = saved;
                numeric.data[i] = (plus - minus) / (2 * STEP);
            }
            assertClose(numeric, analytic[p], TOLERANCE, cellName + " parameter " + cell.parameters().get(p).name());
        }
    }
}
