package org.rnnlab.testkit;

import static org.rnnlab.testkit.CellMatrices.assertSame;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.core.random.Xoshiro256;

/**
 * Reproducibility (rnnlab's principle 4): two kernels made from the same spec, given the same
 * parameters and window, compute bit-identical outputs and gradients, and {@code initialize}
 * from generators of the same seed writes the same parameters. A kernel that keeps state between
 * calls, or draws from a generator other than the run's, fails here. Failures throw AssertionError.
 */
public final class DeterminismCheck {
    private final CellType type;
    private final CellSpec spec;
    private final int steps;
    private final int batch;

    public DeterminismCheck(CellType type, CellSpec spec, int steps, int batch) {
        this.type = type;
        this.spec = spec;
        this.steps = steps;
        this.batch = batch;
    }

    /** Two kernels, the same window twice each: the same bits every time. */
    public void sameInputsGiveTheSameBits(long seed) {
        Cell first = type.create(spec);
        Cell second = type.create(spec);
        DMatrixRMaj[][] a = run(first, seed);
        run(second, seed + 1);
        DMatrixRMaj[][] b = run(second, seed);
        String[] what = {"outputs", "final state", "parameter gradients", "dL/dx"};
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                assertSame(a[k][i], b[k][i], "not deterministic: " + what[k] + " differ between two kernels of one spec"
                        + " (the second had run another window first)");
            }
        }
    }

    /** {@code initialize} from two generators of one seed: the same parameters. */
    public void initializeDrawsOnlyFromTheRunsGenerator(long seed) {
        Cell cell = type.create(spec);
        DMatrixRMaj[] a = CellMatrices.randomParameters(cell, 0.5, new Xoshiro256(seed));
        DMatrixRMaj[] b = CellMatrices.randomParameters(cell, 0.5, new Xoshiro256(seed));
        cell.initialize(a, new Xoshiro256(seed + 1));
        type.create(spec).initialize(b, new Xoshiro256(seed + 1));
        for (int i = 0; i < a.length; i++) {
            assertSame(a[i], b[i], "not deterministic: initialize wrote different values into "
                    + cell.parameters().get(i).name() + " from generators of the same seed");
        }
    }

    /** Outputs, final state, parameter gradients and dL/dx of one random window. */
    private DMatrixRMaj[][] run(Cell cell, long seed) {
        Xoshiro256 random = new Xoshiro256(seed);
        DMatrixRMaj[] params = CellMatrices.randomParameters(cell, 0.5, random);
        DMatrixRMaj inputs = CellMatrices.gaussian(steps * batch, cell.inputSize(), 1, random);
        DMatrixRMaj[] initial = CellMatrices.randomStates(cell, batch, 0.5, random);
        DMatrixRMaj gradOutputs = CellMatrices.gaussian(steps * batch, cell.hiddenSize(), 1, random);
        CellTrace trace = cell.newTrace(batch, steps);
        cell.forward(params, inputs, steps, initial, trace);
        DMatrixRMaj[] gradParams = CellMatrices.zeroParameters(cell);
        DMatrixRMaj gradInputs = new DMatrixRMaj(steps * batch, cell.inputSize());
        cell.backward(params, trace, gradOutputs, null, gradParams, gradInputs, null);
        return new DMatrixRMaj[][] {{trace.outputs().copy()}, CellMatrices.copies(trace.finalState()), gradParams,
                {gradInputs}};
    }
}
