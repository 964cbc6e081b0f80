package org.rnnlab.testkit;

import static org.rnnlab.testkit.CellMatrices.assertClose;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * Checks a cell's state Jacobian products through the API alone: {@code stateVjp} (v · ∂s_t/∂s_{t-1}
 * over every state component) against central differences of one forward step, and
 * {@code stateVjpParameterGradient} against central differences of {@code stateVjp} itself. An
 * implementer of a cell gets the products that gradient remedies (e.g. Pascanu's regularizer)
 * rely on verified at any step of a recorded random window. Failures throw AssertionError.
 */
public final class StateJacobianCheck {
    /** Central-difference step and the tolerance of the comparison. */
    public static final double STEP = CentralDifferences.STEP;
    public static final double TOLERANCE = 1e-6;

    private final Cell cell;
    private final int steps;
    private final int batch;

    /** Checks of {@code cell} on recorded windows of {@code steps} steps of {@code batch} rows. */
    public StateJacobianCheck(Cell cell, int steps, int batch) {
        this.cell = cell;
        this.steps = steps;
        this.batch = batch;
    }

    /**
     * v · ∂s_t/∂s_{t-1} against central differences: each element of every component of s_{t-1}
     * (the initial state, or the final state after the first t steps) is perturbed and step t is
     * run again from it with the cell's own forward pass. Returns the worst error.
     */
    public double stateVjpMatchesCentralDifferences(int t, long seed) {
        Window w = new Window(seed);
        DMatrixRMaj[] v = CellMatrices.randomStates(cell, batch, 1, w.random);
        DMatrixRMaj[] analytic = CellMatrices.zeroStates(cell, batch);
        cell.stateVjp(w.params, w.trace, t, v, analytic);

        DMatrixRMaj[] previous = w.stateBefore(t);
        DMatrixRMaj stepInputs = CellMatrices.step(w.inputs, t, batch);
        CellTrace stepTrace = cell.newTrace(batch, 1);
        double worst = 0;
        for (int s = 0; s < previous.length; s++) {
            DMatrixRMaj numeric = CentralDifferences.gradient(previous[s], batch, () -> {
                cell.forward(w.params, stepInputs, 1, previous, stepTrace);
                return CellMatrices.dot(v, stepTrace.finalState());
            });
            worst = Math.max(worst, assertClose(numeric, analytic[s], TOLERANCE,
                    "component " + s + " of v·∂s_" + t + "/∂s_" + (t - 1)));
        }
        return worst;
    }

    /**
     * The parameter gradient of ⟨w, v·∂s_t/∂s_{t-1}⟩ with the recorded activations held constant
     * (Pascanu et al. 2013, eq. 10): central differences of stateVjp over every parameter element,
     * reusing the same trace, so only the explicit weights vary. Returns the worst error.
     */
    public double parameterGradientMatchesCentralDifferences(int t, long seed) {
        Window window = new Window(seed);
        DMatrixRMaj[] params = window.params;
        DMatrixRMaj[] v = CellMatrices.randomStates(cell, batch, 1, window.random);
        DMatrixRMaj[] w = CellMatrices.randomStates(cell, batch, 1, window.random);
        DMatrixRMaj[] analytic = CellMatrices.zeroParameters(cell);
        cell.stateVjpParameterGradient(params, window.trace, t, v, w, analytic);

        DMatrixRMaj[] out = CellMatrices.zeroStates(cell, batch);
        double worst = 0;
        for (int p = 0; p < params.length; p++) {
            DMatrixRMaj numeric = CentralDifferences.gradient(params[p], params[p].numRows, () -> {
                cell.stateVjp(params, window.trace, t, v, out);
                return CellMatrices.dot(w, out);
            });
            worst = Math.max(worst, assertClose(numeric, analytic[p], TOLERANCE,
                    "parameter " + cell.parameters().get(p).name() + " at step " + t));
        }
        return worst;
    }

    /** A random window recorded by a forward pass; {@code random} continues for further draws. */
    private final class Window {
        final Xoshiro256 random;
        final DMatrixRMaj[] params;
        final DMatrixRMaj inputs;
        final DMatrixRMaj[] initialState;
        final CellTrace trace;

        Window(long seed) {
            random = new Xoshiro256(seed);
            params = CellMatrices.randomParameters(cell, 0.5, random);
            inputs = CellMatrices.gaussian(steps * batch, cell.inputSize(), 1, random);
            initialState = CellMatrices.randomStates(cell, batch, 0.5, random);
            trace = cell.newTrace(batch, steps);
            cell.forward(params, inputs, steps, initialState, trace);
        }

        /** s_{t-1}: a copy of the initial state, or the final state after the first t steps. */
        DMatrixRMaj[] stateBefore(int t) {
            if (t == 0) {
                return CellMatrices.copies(initialState);
            }
            CellTrace prefix = cell.newTrace(batch, steps);
            cell.forward(params, inputs, t, initialState, prefix);
            return CellMatrices.copies(prefix.finalState());
        }
    }
}
