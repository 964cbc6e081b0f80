package org.rnnlab.testkit;

import static org.rnnlab.testkit.CellMatrices.assertClose;

import java.util.function.DoubleSupplier;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * A sequence split into windows, as truncated backpropagation through time splits it: each
 * window starts from the previous window's {@code finalState()} (passed as it is, which the API
 * allows) and has its own trace; backward runs from the last window to the first, each handing
 * its dL/d(initial state) to the window before as dL/d(final state). The chained gradients must
 * be those of the whole sequence: central differences of the loss over all windows, with
 * respect to every parameter, every window's inputs and the first initial state. A truncated run
 * cuts this chain; checking it whole checks every link. Failures throw AssertionError.
 */
public final class WindowChainCheck {
    private final Cell cell;
    private final int windows;
    private final int steps;
    private final int batch;

    public WindowChainCheck(Cell cell, int windows, int steps, int batch) {
        this.cell = cell;
        this.windows = windows;
        this.steps = steps;
        this.batch = batch;
    }

    /** Returns the worst error. */
    public double chainedGradientsMatchCentralDifferences(long seed) {
        Xoshiro256 random = new Xoshiro256(seed);
        DMatrixRMaj[] params = CellMatrices.randomParameters(cell, 0.5, random);
        DMatrixRMaj[] initial = CellMatrices.randomStates(cell, batch, 0.5, random);
        DMatrixRMaj[] inputs = new DMatrixRMaj[windows];
        DMatrixRMaj[] weights = new DMatrixRMaj[windows];
        CellTrace[] traces = new CellTrace[windows];
        for (int w = 0; w < windows; w++) {
            inputs[w] = CellMatrices.gaussian(steps * batch, cell.inputSize(), 1, random);
            weights[w] = CellMatrices.gaussian(steps * batch, cell.hiddenSize(), 1, random);
            traces[w] = cell.newTrace(batch, steps);
        }
        DMatrixRMaj[] finalWeights = CellMatrices.randomStates(cell, batch, 1, random);
        DoubleSupplier loss = () -> {
            double sum = 0;
            DMatrixRMaj[] state = initial;
            for (int w = 0; w < windows; w++) {
                cell.forward(params, inputs[w], steps, state, traces[w]);
                sum += CellMatrices.dot(traces[w].outputs(), weights[w], steps * batch * cell.hiddenSize());
                state = traces[w].finalState();
            }
            return sum + CellMatrices.dot(state, finalWeights);
        };

        loss.getAsDouble();
        DMatrixRMaj[] gradParams = CellMatrices.zeroParameters(cell);
        DMatrixRMaj[] gradInputs = new DMatrixRMaj[windows];
        DMatrixRMaj[] fromLater = finalWeights;
        for (int w = windows - 1; w >= 0; w--) {
            gradInputs[w] = new DMatrixRMaj(steps * batch, cell.inputSize());
            DMatrixRMaj[] gradInitial = CellMatrices.zeroStates(cell, batch);
            cell.backward(params, traces[w], weights[w], fromLater, gradParams, gradInputs[w], gradInitial);
            fromLater = gradInitial;
        }

        double worst = 0;
        for (int i = 0; i < params.length; i++) {
            worst = Math.max(worst, assertClose(CentralDifferences.gradient(params[i], params[i].numRows, loss),
                    gradParams[i], CellGradientCheck.TOLERANCE, "d" + cell.parameters().get(i).name() + " over "
                            + windows + " windows"));
        }
        for (int w = 0; w < windows; w++) {
            worst = Math.max(worst, assertClose(CentralDifferences.gradient(inputs[w], steps * batch, loss),
                    gradInputs[w], CellGradientCheck.TOLERANCE, "dx of window " + w));
        }
        for (int s = 0; s < initial.length; s++) {
            worst = Math.max(worst, assertClose(CentralDifferences.gradient(initial[s], batch, loss), fromLater[s],
                    CellGradientCheck.TOLERANCE, "d(initial state " + s + ") of the first window"));
        }
        return worst;
    }
}
