package org.rnnlab.testkit;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * Forward correctness: the window kernel against the author's {@link CellReference}, iterated step
 * by step for each sequence of a random window. Gradient checks cannot see a wrong equation whose
 * backward pass is its exact derivative; this can. Failures throw AssertionError.
 */
public final class ForwardCheck {
    /** The two compute the same sums in possibly different orders. */
    public static final double TOLERANCE = 1e-10;

    private final Cell cell;
    private final CellReference reference;
    private final int steps;
    private final int batch;

    public ForwardCheck(Cell cell, CellReference reference, int steps, int batch) {
        this.cell = cell;
        this.reference = reference;
        this.steps = steps;
        this.batch = batch;
    }

    /** Every output h_t and every final state component; returns the worst error. */
    public double outputsMatchTheReference(long seed) {
        Xoshiro256 random = new Xoshiro256(seed);
        DMatrixRMaj[] params = CellMatrices.randomParameters(cell, 0.5, random);
        DMatrixRMaj inputs = CellMatrices.gaussian(steps * batch, cell.inputSize(), 1, random);
        DMatrixRMaj[] initial = CellMatrices.randomStates(cell, batch, 0.5, random);
        CellTrace trace = cell.newTrace(batch, steps);
        cell.forward(params, inputs, steps, initial, trace);

        int hidden = cell.hiddenSize();
        double worst = 0;
        for (int b = 0; b < batch; b++) {
            double[][] state = row(initial, b);
            for (int t = 0; t < steps; t++) {
                double[] x = new double[cell.inputSize()];
                System.arraycopy(inputs.data, (t * batch + b) * x.length, x, 0, x.length);
                state = reference.step(params, x, state);
                double[] kernel = new double[hidden];
                System.arraycopy(trace.outputs().data, (t * batch + b) * hidden, kernel, 0, hidden);
                worst = Math.max(worst, compare(state[0], kernel, "h at step " + t + " of sequence " + b));
            }
            for (int s = 0; s < state.length; s++) {
                double[] kernel = new double[hidden];
                System.arraycopy(trace.finalState()[s].data, b * hidden, kernel, 0, hidden);
                worst = Math.max(worst, compare(state[s], kernel, "final state component " + s + " of sequence " + b));
            }
        }
        return worst;
    }

    private static double[][] row(DMatrixRMaj[] states, int b) {
        double[][] out = new double[states.length][];
        for (int s = 0; s < states.length; s++) {
            int width = states[s].numCols;
            out[s] = new double[width];
            System.arraycopy(states[s].data, b * width, out[s], 0, width);
        }
        return out;
    }

    private static double compare(double[] expected, double[] actual, String what) {
        double error = CellMatrices.relativeError(actual, expected);
        if (!(error <= TOLERANCE)) {
            int unit = 0;
            for (int j = 0; j < expected.length; j++) {
                if (!(Math.abs(actual[j] - expected[j]) <= Math.abs(actual[unit] - expected[unit]))) {
                    unit = j;
                }
            }
            throw new AssertionError("forward pass disagrees with the reference equation: " + what + ", unit " + unit
                    + ": kernel " + actual[unit] + ", reference " + expected[unit] + " (relative error " + error
                    + " > " + TOLERANCE + ")");
        }
        return error;
    }
}
