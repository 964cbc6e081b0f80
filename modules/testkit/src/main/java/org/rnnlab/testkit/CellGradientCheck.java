package org.rnnlab.testkit;

import static org.rnnlab.testkit.CellMatrices.assertClose;
import static org.rnnlab.testkit.CellMatrices.assertSame;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * Checks a cell's {@code backward} through the API alone, on a random window of the loss
 * L = Σ_t G_t ⊙ h_t + Σ_s G_s ⊙ s_{T-1} (every state component s at the last step). An
 * implementer of a cell gets, from one seed each: every parameter, input and initial-state
 * gradient against central finite differences; accumulation into the gradient targets; null
 * optional targets; {@code hiddenGradients()} chained through {@code stateVjp}; and a forward
 * pass starting from its own trace's final state. The window is shorter than the trace's capacity
 * and the rows beyond it hold NaN, which the cell must ignore. Failures throw AssertionError.
 */
public final class CellGradientCheck {
    /** Central-difference step and the tolerance of the finite-difference comparison. */
    public static final double STEP = CentralDifferences.STEP;
    public static final double TOLERANCE = 1e-6;
    /** Tolerance of the checks that only reorder the same arithmetic. */
    public static final double EXACT_TOLERANCE = 1e-13;

    private final Cell cell;
    private final int steps;
    private final int batch;
    private final int capacity;

    /** Checks of {@code cell} on windows of {@code steps} steps of {@code batch} rows. */
    public CellGradientCheck(Cell cell, int steps, int batch) {
        this.cell = cell;
        this.steps = steps;
        this.batch = batch;
        this.capacity = steps + 2;
    }

    /** Every check, each on its own window from seeds {@code seed}, {@code seed + 1}, …. */
    public double checkAll(long seed) {
        double worst = gradientsMatchCentralDifferences(seed);
        secondBackwardAccumulates(seed + 1);
        optionalGradientsMayBeNull(seed + 2);
        hiddenGradientsChainThroughStateVjp(seed + 3);
        forwardMayStartFromItsOwnFinalState(seed + 4);
        return worst;
    }

    /** dL/d(every parameter), dL/dx and dL/d(every initial state component) against central differences; returns the worst error. */
    public double gradientsMatchCentralDifferences(long seed) {
        Window w = new Window(seed);
        DMatrixRMaj[] gradParams = CellMatrices.zeroParameters(cell);
        DMatrixRMaj gradInputs = new DMatrixRMaj(steps * batch, cell.inputSize());
        DMatrixRMaj[] gradInitial = CellMatrices.zeroStates(cell, batch);
        w.loss();
        cell.backward(w.params, w.trace, w.gradOutputs, w.gradFinal, gradParams, gradInputs, gradInitial);

        double worst = 0;
        for (int i = 0; i < w.params.length; i++) {
            worst = Math.max(worst, assertClose(w.numericGradient(w.params[i], w.params[i].numRows), gradParams[i],
                    TOLERANCE, "d" + cell.parameters().get(i).name()));
        }
        worst = Math.max(worst, assertClose(w.numericGradient(w.inputs, steps * batch), gradInputs, TOLERANCE, "dx"));
        for (int s = 0; s < gradInitial.length; s++) {
            worst = Math.max(worst, assertClose(w.numericGradient(w.initialState[s], batch), gradInitial[s],
                    TOLERANCE, "d(initial state " + s + ")"));
        }
        return worst;
    }

    /** A second and third backward into the same targets add to them: twice the first. */
    public void secondBackwardAccumulates(long seed) {
        Window w = new Window(seed);
        DMatrixRMaj[] once = CellMatrices.zeroParameters(cell);
        DMatrixRMaj[] twice = CellMatrices.zeroParameters(cell);
        w.loss();
        cell.backward(w.params, w.trace, w.gradOutputs, w.gradFinal, once, null, null);
        cell.backward(w.params, w.trace, w.gradOutputs, w.gradFinal, twice, null, null);
        cell.backward(w.params, w.trace, w.gradOutputs, w.gradFinal, twice, null, null);
        for (int i = 0; i < once.length; i++) {
            CommonOps_DDRM.scale(2, once[i]);
            assertClose(once[i], twice[i], EXACT_TOLERANCE, "accumulated d" + cell.parameters().get(i).name());
        }
    }

    /** Null input and initial-state targets are skipped; a null gradFinalState is the same as zeros. */
    public void optionalGradientsMayBeNull(long seed) {
        Window w = new Window(seed);
        DMatrixRMaj[] withNulls = CellMatrices.zeroParameters(cell);
        DMatrixRMaj[] withZeros = CellMatrices.zeroParameters(cell);
        w.loss();
        cell.backward(w.params, w.trace, w.gradOutputs, null, withNulls, null, null);
        cell.backward(w.params, w.trace, w.gradOutputs, CellMatrices.zeroStates(cell, batch), withZeros,
                new DMatrixRMaj(steps * batch, cell.inputSize()), CellMatrices.zeroStates(cell, batch));
        for (int i = 0; i < withNulls.length; i++) {
            assertSame(withZeros[i], withNulls[i], "d" + cell.parameters().get(i).name() + " with null targets");
        }
    }

    /**
     * hiddenGradients() holds the total dL/dh_t. Chaining stateVjp over every state component
     * reproduces it: dS_{T-1} = G_final + (G_{T-1}, 0, …), dS_t = stateVjp(t+1, dS_{t+1}) + (G_t, 0, …),
     * and the initial-state gradient is stateVjp(0, dS_0).
     */
    public void hiddenGradientsChainThroughStateVjp(long seed) {
        Window w = new Window(seed);
        DMatrixRMaj[] gradInitial = CellMatrices.zeroStates(cell, batch);
        w.loss();
        cell.backward(w.params, w.trace, w.gradOutputs, w.gradFinal, CellMatrices.zeroParameters(cell), null,
                gradInitial);

        DMatrixRMaj[] total = CellMatrices.copies(w.gradFinal);
        DMatrixRMaj[] fromLater = CellMatrices.zeroStates(cell, batch);
        for (int t = steps - 1; t >= 0; t--) {
            if (t < steps - 1) {
                cell.stateVjp(w.params, w.trace, t + 1, total, fromLater);
                for (int s = 0; s < total.length; s++) {
                    total[s].setTo(fromLater[s]);
                }
            }
            CommonOps_DDRM.addEquals(total[0], CellMatrices.step(w.gradOutputs, t, batch));
            assertClose(total[0], CellMatrices.step(w.trace.hiddenGradients(), t, batch), EXACT_TOLERANCE,
                    "dL/dh_" + t);
        }
        cell.stateVjp(w.params, w.trace, 0, total, fromLater);
        for (int s = 0; s < total.length; s++) {
            assertClose(fromLater[s], gradInitial[s], EXACT_TOLERANCE, "dL/d(initial state " + s + ")");
        }
    }

    /** The next window may start from the trace's own final state, which forward overwrites. */
    public void forwardMayStartFromItsOwnFinalState(long seed) {
        Window w = new Window(seed);
        w.loss();
        DMatrixRMaj[] carried = CellMatrices.copies(w.trace.finalState());
        CellTrace fresh = cell.newTrace(batch, capacity);
        cell.forward(w.params, w.inputs, steps, carried, fresh);

        cell.forward(w.params, w.inputs, steps, w.trace.finalState(), w.trace);

        assertSame(fresh.outputs(), w.trace.outputs(), "outputs from the carried state");
        for (int s = 0; s < carried.length; s++) {
            assertSame(fresh.finalState()[s], w.trace.finalState()[s], "final state " + s + " from the carried state");
        }
    }

    /** A random window, its loss weights and a trace to run it in; random draws in a fixed order. */
    private final class Window {
        final DMatrixRMaj[] params;
        final DMatrixRMaj inputs;
        final DMatrixRMaj[] initialState;
        final DMatrixRMaj gradOutputs;
        final DMatrixRMaj[] gradFinal;
        final CellTrace trace;

        Window(long seed) {
            Xoshiro256 random = new Xoshiro256(seed);
            params = CellMatrices.randomParameters(cell, 0.5, random);
            inputs = padded(CellMatrices.gaussian(steps * batch, cell.inputSize(), 1, random));
            initialState = CellMatrices.randomStates(cell, batch, 0.5, random);
            gradOutputs = padded(CellMatrices.gaussian(steps * batch, cell.hiddenSize(), 1, random));
            gradFinal = CellMatrices.randomStates(cell, batch, 1, random);
            trace = cell.newTrace(batch, capacity);
        }

        /** The matrix with NaN rows appended up to the trace's capacity. */
        private DMatrixRMaj padded(DMatrixRMaj window) {
            DMatrixRMaj out = new DMatrixRMaj(capacity * batch, window.numCols);
            Arrays.fill(out.data, Double.NaN);
            System.arraycopy(window.data, 0, out.data, 0, window.data.length);
            return out;
        }

        double loss() {
            cell.forward(params, inputs, steps, initialState, trace);
            return CellMatrices.dot(trace.outputs(), gradOutputs, steps * batch * cell.hiddenSize())
                    + CellMatrices.dot(trace.finalState(), gradFinal);
        }

        /** Central differences of the loss with respect to the first {@code rows} rows of {@code variable}. */
        DMatrixRMaj numericGradient(DMatrixRMaj variable, int rows) {
            return CentralDifferences.gradient(variable, rows, this::loss);
        }
    }
}
