package org.rnnlab.testkit;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * A NaN in one sequence's input must show in that sequence's outputs from that step on, and
 * nowhere else: rnnlab's guards (the nonfinite-guard remedy, checkpoints that refuse non-finite
 * values) rely on seeing it, and sequences of a batch are independent. A ReLU written as
 * {@code x > 0 ? x : 0} turns NaN into 0 and hides it; {@code Math.max(0, x)} keeps it. Backward
 * must not throw on such a window. Failures throw AssertionError.
 */
public final class NanPropagationCheck {
    private final Cell cell;
    private final int steps;
    private final int batch;

    /** Needs a batch of at least 2 and at least 2 steps. */
    public NanPropagationCheck(Cell cell, int steps, int batch) {
        this.cell = cell;
        this.steps = steps;
        this.batch = batch;
    }

    /** NaN in sequence 0 at step 1: NaN in its h from step 1 on; the other sequences as without it. */
    public void nanReachesItsOwnSequenceOnly(long seed) {
        Xoshiro256 random = new Xoshiro256(seed);
        DMatrixRMaj[] params = CellMatrices.randomParameters(cell, 0.5, random);
        DMatrixRMaj inputs = CellMatrices.gaussian(steps * batch, cell.inputSize(), 1, random);
        DMatrixRMaj[] initial = CellMatrices.randomStates(cell, batch, 0.5, random);
        CellTrace clean = cell.newTrace(batch, steps);
        cell.forward(params, inputs, steps, initial, clean);
        DMatrixRMaj poisoned = inputs.copy();
        poisoned.data[batch * cell.inputSize()] = Double.NaN;
        CellTrace trace = cell.newTrace(batch, steps);
        cell.forward(params, poisoned, steps, initial, trace);

        int hidden = cell.hiddenSize();
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = (t * batch + b) * hidden;
                boolean anyNan = false;
                for (int j = 0; j < hidden; j++) {
                    double h = trace.outputs().data[row + j];
                    anyNan |= Double.isNaN(h);
                    if (!(b == 0 && t >= 1) && Double.compare(h, clean.outputs().data[row + j]) != 0) {
                        throw new AssertionError("a NaN in sequence 0's input at step 1 changed h of "
                                + (b == 0 ? "an earlier step" : "sequence " + b) + " (step " + t + ", unit " + j
                                + "): sequences of a batch and earlier steps must not depend on it");
                    }
                }
                if (b == 0 && t >= 1 && !anyNan) {
                    throw new AssertionError("a NaN in sequence 0's input at step 1 did not reach its h at step " + t
                            + ": NaN must propagate, not be masked (a ReLU written as x > 0 ? x : 0 hides it)");
                }
            }
        }
        DMatrixRMaj gradOutputs = CellMatrices.gaussian(steps * batch, hidden, 1, random);
        cell.backward(params, trace, gradOutputs, null, CellMatrices.zeroParameters(cell), null, null);
    }
}
