package org.rnnlab.cell.gru.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.rnnlab.cell.gru.internal.Fixtures.assertClose;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * Analytic gradients against central finite differences of the loss
 * L = Σ_t G_t ⊙ h_t + G_final ⊙ h_{T-1}, for every cell of the family, on sizes small enough to
 * difference every element of every parameter, input and initial state. The window is shorter
 * than the trace's capacity and the rows beyond it hold NaN, which must be ignored.
 */
class GradientCheckTest {
    private static final int STEPS = 6;
    private static final int BATCH = 3;
    private static final int INPUT = 4;
    private static final int HIDDEN = 5;
    private static final int CAPACITY = STEPS + 2;
    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-6;

    /** A random window, its loss weights and a trace to run it in. */
    private static final class Problem {
        final Cell cell;
        final DMatrixRMaj[] params;
        final DMatrixRMaj inputs;
        final DMatrixRMaj[] initialState;
        final DMatrixRMaj gradOutputs;
        final DMatrixRMaj[] gradFinal;
        final CellTrace trace;

        Problem(String cellName, long seed) {
            Xoshiro256 random = new Xoshiro256(seed);
            cell = Fixtures.cell(cellName, INPUT, HIDDEN);
            params = Fixtures.parameters(cell, 0.5, random);
            inputs = padded(Fixtures.gaussian(STEPS * BATCH, INPUT, 1, random));
            initialState = Fixtures.states(cell, BATCH, 0.5, random);
            gradOutputs = padded(Fixtures.gaussian(STEPS * BATCH, HIDDEN, 1, random));
            gradFinal = Fixtures.states(cell, BATCH, 1, random);
            trace = cell.newTrace(BATCH, CAPACITY);
        }

        /** The matrix with NaN rows appended up to the trace's capacity. */
        private static DMatrixRMaj padded(DMatrixRMaj window) {
            DMatrixRMaj out = new DMatrixRMaj(CAPACITY * BATCH, window.numCols);
            Arrays.fill(out.data, Double.NaN);
            System.arraycopy(window.data, 0, out.data, 0, window.data.length);
            return out;
        }

        double loss() {
            cell.forward(params, inputs, STEPS, initialState, trace);
            return Fixtures.dot(trace.outputs(), gradOutputs, STEPS * BATCH * HIDDEN)
                    + Fixtures.dot(trace.finalState(), gradFinal);
        }

        /** Central differences of the loss with respect to the first {@code rows} rows of {@code variable}. */
        DMatrixRMaj numericGradient(DMatrixRMaj variable, int rows) {
            DMatrixRMaj gradient = new DMatrixRMaj(rows, variable.numCols);
            for (int i = 0; i < gradient.data.length; i++) {
                double saved = variable.data[i];
                variable.data[i] = saved + STEP;
                double plus = loss();
                variable.data[i] = saved - STEP;
                double minus = loss();
                variable.data[i] = saved;
                gradient.data[i] = (plus - minus) / (2 * STEP);
            }
            return gradient;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "mgu", "mingru"})
    void gradientsMatchCentralDifferences(String cellName) {
        Problem p = new Problem(cellName, 11);
        DMatrixRMaj[] gradParams = Fixtures.zeros(p.cell.parameters());
        DMatrixRMaj gradInputs = new DMatrixRMaj(STEPS * BATCH, INPUT);
        DMatrixRMaj[] gradInitial = Fixtures.zeroStates(p.cell, BATCH);
        p.loss();
        p.cell.backward(p.params, p.trace, p.gradOutputs, p.gradFinal, gradParams, gradInputs, gradInitial);

        for (int i = 0; i < p.params.length; i++) {
            assertClose(p.numericGradient(p.params[i], p.params[i].numRows), gradParams[i], TOLERANCE,
                    cellName + " d" + p.cell.parameters().get(i).name());
        }
        assertClose(p.numericGradient(p.inputs, STEPS * BATCH), gradInputs, TOLERANCE, cellName + " dx");
        assertClose(p.numericGradient(p.initialState[0], BATCH), gradInitial[0], TOLERANCE, cellName + " dh0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "mgu", "mingru"})
    void secondBackwardAccumulatesParameterGradients(String cellName) {
        Problem p = new Problem(cellName, 12);
        DMatrixRMaj[] once = Fixtures.zeros(p.cell.parameters());
        DMatrixRMaj[] twice = Fixtures.zeros(p.cell.parameters());
        p.loss();
        p.cell.backward(p.params, p.trace, p.gradOutputs, p.gradFinal, once, null, null);
        p.cell.backward(p.params, p.trace, p.gradOutputs, p.gradFinal, twice, null, null);
        p.cell.backward(p.params, p.trace, p.gradOutputs, p.gradFinal, twice, null, null);

        for (int i = 0; i < once.length; i++) {
            DMatrixRMaj doubled = once[i].copy();
            CommonOps_DDRM.scale(2, doubled);
            assertClose(doubled, twice[i], 1e-13, cellName + " accumulated d" + p.cell.parameters().get(i).name());
        }
    }

    /** Null gradient targets are skipped; a null gradFinalState is the same as zeros. */
    @ParameterizedTest
    @ValueSource(strings = {"gru", "mgu", "mingru"})
    void optionalGradientsMayBeNull(String cellName) {
        Problem p = new Problem(cellName, 13);
        DMatrixRMaj[] withNulls = Fixtures.zeros(p.cell.parameters());
        DMatrixRMaj[] withZeros = Fixtures.zeros(p.cell.parameters());
        p.loss();
        p.cell.backward(p.params, p.trace, p.gradOutputs, null, withNulls, null, null);
        p.cell.backward(p.params, p.trace, p.gradOutputs, Fixtures.zeroStates(p.cell, BATCH), withZeros,
                new DMatrixRMaj(STEPS * BATCH, INPUT), Fixtures.zeroStates(p.cell, BATCH));

        for (int i = 0; i < withNulls.length; i++) {
            assertArrayEquals(withZeros[i].data, withNulls[i].data, cellName + " " + p.cell.parameters().get(i).name());
        }
    }

    /**
     * hiddenGradients() holds the total dL/dh_t: the output's own gradient plus what flows back
     * from step t+1, i.e. dH_t = G_t + stateVjp(t+1, dH_{t+1}), with G_final added at the last
     * step; and dL/dh_{-1} = stateVjp(0, dH_0).
     */
    @ParameterizedTest
    @ValueSource(strings = {"gru", "mgu", "mingru"})
    void hiddenGradientsAreTheTotalGradientOfEachStep(String cellName) {
        Problem p = new Problem(cellName, 14);
        DMatrixRMaj[] gradInitial = Fixtures.zeroStates(p.cell, BATCH);
        p.loss();
        p.cell.backward(p.params, p.trace, p.gradOutputs, p.gradFinal, Fixtures.zeros(p.cell.parameters()), null,
                gradInitial);

        DMatrixRMaj[] total = {p.gradFinal[0].copy()};
        DMatrixRMaj[] fromLater = Fixtures.zeroStates(p.cell, BATCH);
        for (int t = STEPS - 1; t >= 0; t--) {
            if (t < STEPS - 1) {
                p.cell.stateVjp(p.params, p.trace, t + 1, total, fromLater);
                total[0].setTo(fromLater[0]);
            }
            CommonOps_DDRM.addEquals(total[0], Fixtures.step(p.gradOutputs, t, BATCH));
            assertClose(total[0], Fixtures.step(p.trace.hiddenGradients(), t, BATCH), 1e-13,
                    cellName + " dL/dh_" + t);
        }
        p.cell.stateVjp(p.params, p.trace, 0, total, fromLater);
        assertClose(fromLater[0], gradInitial[0], 1e-13, cellName + " dL/dh_-1");
    }

    /** The next window may start from the trace's own final state, which forward overwrites. */
    @ParameterizedTest
    @ValueSource(strings = {"gru", "mgu", "mingru"})
    void forwardMayStartFromItsOwnFinalState(String cellName) {
        Problem p = new Problem(cellName, 15);
        p.loss();
        DMatrixRMaj[] carried = {p.trace.finalState()[0].copy()};
        CellTrace fresh = p.cell.newTrace(BATCH, CAPACITY);
        p.cell.forward(p.params, p.inputs, STEPS, carried, fresh);

        p.cell.forward(p.params, p.inputs, STEPS, p.trace.finalState(), p.trace);

        assertArrayEquals(fresh.outputs().data, p.trace.outputs().data);
        assertArrayEquals(fresh.finalState()[0].data, p.trace.finalState()[0].data);
    }
}
