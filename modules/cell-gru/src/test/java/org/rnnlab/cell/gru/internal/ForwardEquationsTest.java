package org.rnnlab.cell.gru.internal;

import static org.rnnlab.testkit.CellMatrices.assertClose;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.testkit.CellMatrices;

/**
 * mgu and mingru have no PyTorch reference, so their window kernels are checked against the
 * equations of their class documentation, written out one sequence, step and unit at a time.
 * (gru is checked against PyTorch itself.)
 */
class ForwardEquationsTest {
    private static final int STEPS = 4;
    private static final int BATCH = 3;
    private static final int INPUT = 2;
    private static final int HIDDEN = 5;

    @ParameterizedTest
    @ValueSource(strings = {"mgu", "mingru"})
    void kernelComputesTheDocumentedEquations(String cellName) {
        Xoshiro256 random = new Xoshiro256(5);
        Cell cell = Fixtures.cell(cellName, INPUT, HIDDEN);
        DMatrixRMaj[] params = CellMatrices.randomParameters(cell, 0.8, random);
        DMatrixRMaj x = CellMatrices.gaussian(STEPS * BATCH, INPUT, 1, random);
        DMatrixRMaj h0 = CellMatrices.gaussian(BATCH, HIDDEN, 0.5, random);
        CellTrace trace = cell.newTrace(BATCH, STEPS);

        cell.forward(params, x, STEPS, new DMatrixRMaj[] {h0}, trace);

        DMatrixRMaj expected = new DMatrixRMaj(STEPS * BATCH, HIDDEN);
        for (int b = 0; b < BATCH; b++) {
            double[] h = new double[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                h[j] = h0.get(b, j);
            }
            for (int t = 0; t < STEPS; t++) {
                int row = t * BATCH + b;
                h = cellName.equals("mgu") ? mguStep(params, x, row, h) : minGruStep(params, x, row, h);
                for (int j = 0; j < HIDDEN; j++) {
                    expected.set(row, j, h[j]);
                }
            }
        }
        assertClose(expected, trace.outputs(), 1e-14, cellName + " outputs");
    }

    /** f = σ(W_if x + W_hf h + b_f), n = tanh(W_in x + W_hn (f ⊙ h) + b_n), h' = (1 − f) ⊙ h + f ⊙ n. */
    private static double[] mguStep(DMatrixRMaj[] params, DMatrixRMaj x, int row, double[] h) {
        DMatrixRMaj weightIh = params[0];
        DMatrixRMaj weightHh = params[1];
        DMatrixRMaj bias = params[2];
        double[] f = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            double a = bias.get(0, j) + input(weightIh, j, x, row);
            for (int k = 0; k < HIDDEN; k++) {
                a += weightHh.get(j, k) * h[k];
            }
            f[j] = 1 / (1 + Math.exp(-a));
        }
        double[] next = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            double a = bias.get(0, HIDDEN + j) + input(weightIh, HIDDEN + j, x, row);
            for (int k = 0; k < HIDDEN; k++) {
                a += weightHh.get(HIDDEN + j, k) * f[k] * h[k];
            }
            next[j] = (1 - f[j]) * h[j] + f[j] * Math.tanh(a);
        }
        return next;
    }

    /** z = σ(W_iz x + b_z), h̃ = W_in x + b_n, h' = (1 − z) ⊙ h + z ⊙ h̃. */
    private static double[] minGruStep(DMatrixRMaj[] params, DMatrixRMaj x, int row, double[] h) {
        DMatrixRMaj weightIh = params[0];
        DMatrixRMaj bias = params[1];
        double[] next = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            double z = 1 / (1 + Math.exp(-(bias.get(0, j) + input(weightIh, j, x, row))));
            double candidate = bias.get(0, HIDDEN + j) + input(weightIh, HIDDEN + j, x, row);
            next[j] = (1 - z) * h[j] + z * candidate;
        }
        return next;
    }

    /** Row {@code unit} of W_ih times x at {@code row}. */
    private static double input(DMatrixRMaj weightIh, int unit, DMatrixRMaj x, int row) {
        double sum = 0;
        for (int i = 0; i < INPUT; i++) {
            sum += weightIh.get(unit, i) * x.get(row, i);
        }
        return sum;
    }
}
