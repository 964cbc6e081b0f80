package org.rnnlab.cell.rnn.internal;

import static org.rnnlab.cell.rnn.internal.Fixtures.assertClose;

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

    @ParameterizedTest(name = "{0} at step {1}")
    @CsvSource({"rnn-tanh, 0", "rnn-tanh, 3", "rnn-relu, 0", "rnn-relu, 4"})
    void matchesCentralDifferencesOfOneStep(String cellName, int t) {
        Xoshiro256 random = new Xoshiro256(21);
        Cell cell = Fixtures.cell(cellName, INPUT, HIDDEN);
        DMatrixRMaj[] params = Fixtures.parameters(cell, 0.5, random);
        DMatrixRMaj inputs = Fixtures.gaussian(STEPS * BATCH, INPUT, 1, random);
        DMatrixRMaj initialState = Fixtures.gaussian(BATCH, HIDDEN, 0.5, random);
        DMatrixRMaj v = Fixtures.gaussian(BATCH, HIDDEN, 1, random);
        CellTrace trace = cell.newTrace(BATCH, STEPS);
        cell.forward(params, inputs, STEPS, new DMatrixRMaj[] {initialState}, trace);

        DMatrixRMaj analytic = new DMatrixRMaj(BATCH, HIDDEN);
        cell.stateVjp(params, trace, t, new DMatrixRMaj[] {v}, new DMatrixRMaj[] {analytic});

        DMatrixRMaj previous = t == 0 ? initialState.copy() : Fixtures.step(trace.outputs(), t - 1, BATCH);
        DMatrixRMaj stepInputs = new DMatrixRMaj(BATCH, INPUT);
        System.arraycopy(inputs.data, t * BATCH * INPUT, stepInputs.data, 0, BATCH * INPUT);
        CellTrace stepTrace = cell.newTrace(BATCH, 1);
        DMatrixRMaj numeric = new DMatrixRMaj(BATCH, HIDDEN);
        for (int i = 0; i < previous.data.length; i++) {
            double saved = previous.data[i];
            previous.data[i] = saved + STEP;
            cell.forward(params, stepInputs, 1, new DMatrixRMaj[] {previous}, stepTrace);
            double plus = Fixtures.dot(v, stepTrace.finalState()[0], BATCH * HIDDEN);
            previous.data[i] = saved - STEP;
            cell.forward(params, stepInputs, 1, new DMatrixRMaj[] {previous}, stepTrace);
            double minus = Fixtures.dot(v, stepTrace.finalState()[0], BATCH * HIDDEN);
            previous.data[i] = saved;
            numeric.data[i] = (plus - minus) / (2 * STEP);
        }
        assertClose(numeric, analytic, TOLERANCE, cellName + " v·∂h_" + t + "/∂h_" + (t - 1));
    }

    /**
     * The parameter gradient of ⟨w, v·∂h_t/∂h_{t-1}⟩ with the recorded activations held constant
     * (Pascanu et al. 2013, eq. 10): central differences of stateVjp itself over every parameter,
     * reusing the same trace, so only the explicit weights vary.
     */
    @ParameterizedTest(name = "{0} at step {1}")
    @CsvSource({"rnn-tanh, 0", "rnn-tanh, 4", "rnn-relu, 2"})
    void parameterGradientMatchesCentralDifferences(String cellName, int t) {
        Xoshiro256 random = new Xoshiro256(34);
        Cell cell = Fixtures.cell(cellName, INPUT, HIDDEN);
        DMatrixRMaj[] params = Fixtures.parameters(cell, 0.5, random);
        DMatrixRMaj inputs = Fixtures.gaussian(STEPS * BATCH, INPUT, 1, random);
        DMatrixRMaj[] initial = {Fixtures.gaussian(BATCH, HIDDEN, 0.5, random)};
        DMatrixRMaj[] v = {Fixtures.gaussian(BATCH, HIDDEN, 1, random)};
        DMatrixRMaj[] w = {Fixtures.gaussian(BATCH, HIDDEN, 1, random)};
        CellTrace trace = cell.newTrace(BATCH, STEPS);
        cell.forward(params, inputs, STEPS, initial, trace);

        DMatrixRMaj[] analytic = Fixtures.zeros(cell.parameters());
        cell.stateVjpParameterGradient(params, trace, t, v, w, analytic);

        DMatrixRMaj[] out = {new DMatrixRMaj(BATCH, HIDDEN)};
        for (int p = 0; p < params.length; p++) {
            DMatrixRMaj numeric = new DMatrixRMaj(params[p].numRows, params[p].numCols);
            for (int i = 0; i < params[p].data.length; i++) {
                double saved = params[p].data[i];
                params[p].data[i] = saved + STEP;
                cell.stateVjp(params, trace, t, v, out);
                double plus = Fixtures.dot(w[0], out[0], BATCH * HIDDEN);
                params[p].data[i] = saved - STEP;
                cell.stateVjp(params, trace, t, v, out);
                double minus = Fixtures.dot(w[0], out[0], BATCH * HIDDEN);
                params[p].data[i] = saved;
                numeric.data[i] = (plus - minus) / (2 * STEP);
            }
            assertClose(numeric, analytic[p], TOLERANCE, cellName + " parameter " + cell.parameters().get(p).name());
        }
    }
}
