package org.rnnlab.cell.lstm.internal;

import static org.rnnlab.cell.lstm.internal.Fixtures.assertClose;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * v · ∂s_t/∂s_{t-1} for s = (h, c) against central differences of one step: each element of
 * h_{t-1} and of c_{t-1} is perturbed and the step is run again from it with the cell's own
 * forward pass; s_{t-1} itself is the final state of a forward pass over the first t steps.
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
        final Cell cell = Fixtures.cell(INPUT, HIDDEN);
        final DMatrixRMaj[] params;
        final DMatrixRMaj inputs;
        final DMatrixRMaj[] initialState;
        final CellTrace trace = cell.newTrace(BATCH, STEPS);
        final Xoshiro256 random;

        Window(long seed) {
            random = new Xoshiro256(seed);
            params = Fixtures.parameters(cell, 0.5, random);
            inputs = Fixtures.gaussian(STEPS * BATCH, INPUT, 1, random);
            initialState = Fixtures.states(cell, BATCH, 0.5, random);
            cell.forward(params, inputs, STEPS, initialState, trace);
        }

        /** s_{t-1}: the initial state, or the final state after the first t steps. */
        DMatrixRMaj[] stateBefore(int t) {
            if (t == 0) {
                return new DMatrixRMaj[] {initialState[0].copy(), initialState[1].copy()};
            }
            CellTrace prefix = cell.newTrace(BATCH, STEPS);
            cell.forward(params, inputs, t, initialState, prefix);
            return new DMatrixRMaj[] {prefix.finalState()[0].copy(), prefix.finalState()[1].copy()};
        }
    }

    @ParameterizedTest(name = "at step {0}")
    @ValueSource(ints = {0, 2, 4})
    void matchesCentralDifferencesOfOneStep(int t) {
        Window window = new Window(21 + t);
        Cell cell = window.cell;
        DMatrixRMaj[] v = Fixtures.states(cell, BATCH, 1, window.random);
        DMatrixRMaj[] analytic = Fixtures.zeroStates(cell, BATCH);
        cell.stateVjp(window.params, window.trace, t, v, analytic);

        DMatrixRMaj[] previous = window.stateBefore(t);
        DMatrixRMaj stepInputs = Fixtures.step(window.inputs, t, BATCH);
        CellTrace stepTrace = cell.newTrace(BATCH, 1);
        for (int s = 0; s < previous.length; s++) {
            DMatrixRMaj numeric = new DMatrixRMaj(BATCH, HIDDEN);
            for (int i = 0; i < numeric.data.length; i++) {
                double saved = previous[s].data[i];
                previous[s].data[i] = saved + STEP;
                cell.forward(window.params, stepInputs, 1, previous, stepTrace);
                double plus = Fixtures.dot(v, stepTrace.finalState());
                previous[s].data[i] = saved - STEP;
                cell.forward(window.params, stepInputs, 1, previous, stepTrace);
                double minus = Fixtures.dot(v, stepTrace.finalState());
                previous[s].data[i] = saved;
                numeric.data[i] = (plus - minus) / (2 * STEP);
            }
            assertClose(numeric, analytic[s], TOLERANCE, "component " + s + " of v·∂s_" + t + "/∂s_" + (t - 1));
        }
    }

    /**
     * The parameter gradient of ⟨w, v·∂s_t/∂s_{t-1}⟩ with the recorded gates and cells held
     * constant (Pascanu et al. 2013, eq. 10): central differences of stateVjp itself over every
     * parameter, reusing the same trace, so only the explicit weights vary.
     */
    @ParameterizedTest(name = "at step {0}")
    @ValueSource(ints = {0, 3})
    void parameterGradientMatchesCentralDifferences(int t) {
        Window window = new Window(34 + t);
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
            assertClose(numeric, analytic[p], TOLERANCE, "parameter " + cell.parameters().get(p).name());
        }
    }
}
