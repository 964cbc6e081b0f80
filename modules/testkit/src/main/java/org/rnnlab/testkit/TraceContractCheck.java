package org.rnnlab.testkit;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * The trace contract of {@link Cell}: a trace reports the window it recorded in the shapes the
 * API states, and backward reads the window from the trace alone. The caller reuses its
 * {@code inputs} and {@code initialState} matrices as soon as forward returns, so this check
 * overwrites them before backward and requires the same gradients as when they are left alone.
 * Failures throw AssertionError.
 */
public final class TraceContractCheck {
    private final Cell cell;
    private final int steps;
    private final int batch;

    public TraceContractCheck(Cell cell, int steps, int batch) {
        this.cell = cell;
        this.steps = steps;
        this.batch = batch;
    }

    /** batch(), capacity(), steps() and the shapes of outputs, finalState and hiddenGradients. */
    public void traceReportsItsWindow(long seed) {
        int capacity = steps + 1;
        Recording recording = new Recording(seed, capacity);
        CellTrace trace = recording.trace;
        require(trace.batch() == batch, "batch() is " + trace.batch() + ", expected " + batch);
        require(trace.capacity() == capacity, "capacity() is " + trace.capacity() + ", expected " + capacity);
        require(trace.steps() == steps, "steps() is " + trace.steps() + " after a forward pass of " + steps + " steps");
        requireShape(trace.outputs(), capacity * batch, cell.hiddenSize(), "outputs()");
        requireShape(trace.hiddenGradients(), capacity * batch, cell.hiddenSize(), "hiddenGradients()");
        require(trace.finalState().length == cell.stateSize(),
                "finalState() has " + trace.finalState().length + " components, stateSize() is " + cell.stateSize());
        for (DMatrixRMaj component : trace.finalState()) {
            requireShape(component, batch, cell.hiddenSize(), "a finalState() component");
        }
    }

    /** Backward gives the same gradients after the caller has overwritten its inputs matrix. */
    public void backwardDoesNotReadTheCallersInputs(long seed) {
        Gradients expected = new Recording(seed, steps).backward();
        Recording overwritten = new Recording(seed, steps);
        overwrite(overwritten.inputs, ~seed);
        requireSameGradients(expected, overwritten.backward(), "the window's inputs");
    }

    /** Backward gives the same gradients after the caller has overwritten its initial state. */
    public void backwardDoesNotReadTheCallersInitialState(long seed) {
        Gradients expected = new Recording(seed, steps).backward();
        Recording overwritten = new Recording(seed, steps);
        for (DMatrixRMaj component : overwritten.initialState) {
            overwrite(component, ~seed);
        }
        requireSameGradients(expected, overwritten.backward(), "the initial state");
    }

    /** Each recording is back-propagated before the next is made: a kernel may hold on to its last window. */
    private void requireSameGradients(Gradients expected, Gradients actual, String what) {
        String problem = "backward read " + what + " from the caller's matrix after forward returned; the trace must "
                + "keep its own copy (the trace contract of Cell)";
        for (int i = 0; i < expected.params.length; i++) {
            require(java.util.Arrays.equals(expected.params[i].data, actual.params[i].data),
                    problem + ": the gradient of " + cell.parameters().get(i).name() + " changed");
        }
        require(java.util.Arrays.equals(expected.inputs.data, actual.inputs.data), problem + ": dL/dx changed");
        for (int s = 0; s < expected.initialState.length; s++) {
            require(java.util.Arrays.equals(expected.initialState[s].data, actual.initialState[s].data),
                    problem + ": dL/d(initial state " + s + ") changed");
        }
    }

    private static void overwrite(DMatrixRMaj matrix, long seed) {
        matrix.setTo(CellMatrices.gaussian(matrix.numRows, matrix.numCols, 3, new Xoshiro256(seed)));
    }

    private static void require(boolean holds, String message) {
        if (!holds) {
            throw new AssertionError(message);
        }
    }

    private static void requireShape(DMatrixRMaj m, int rows, int cols, String what) {
        require(m != null && m.numRows == rows && m.numCols == cols, what + " is "
                + (m == null ? "null" : m.numRows + "x" + m.numCols) + ", expected " + rows + "x" + cols);
    }

    private record Gradients(DMatrixRMaj[] params, DMatrixRMaj inputs, DMatrixRMaj[] initialState) {
    }

    /** A random window recorded by forward, and the loss weights to back-propagate. */
    private final class Recording {
        final DMatrixRMaj[] params;
        final DMatrixRMaj inputs;
        final DMatrixRMaj[] initialState;
        final DMatrixRMaj gradOutputs;
        final DMatrixRMaj[] gradFinal;
        final CellTrace trace;

        Recording(long seed, int capacity) {
            Xoshiro256 random = new Xoshiro256(seed);
            params = CellMatrices.randomParameters(cell, 0.5, random);
            inputs = CellMatrices.gaussian(steps * batch, cell.inputSize(), 1, random);
            initialState = CellMatrices.randomStates(cell, batch, 0.5, random);
            gradOutputs = CellMatrices.gaussian(steps * batch, cell.hiddenSize(), 1, random);
            gradFinal = CellMatrices.randomStates(cell, batch, 1, random);
            trace = cell.newTrace(batch, capacity);
            cell.forward(params, inputs, steps, initialState, trace);
        }

        Gradients backward() {
            Gradients g = new Gradients(CellMatrices.zeroParameters(cell),
                    new DMatrixRMaj(steps * batch, cell.inputSize()), CellMatrices.zeroStates(cell, batch));
            cell.backward(params, trace, gradOutputs, gradFinal, g.params, g.inputs, g.initialState);
            return g;
        }
    }
}
