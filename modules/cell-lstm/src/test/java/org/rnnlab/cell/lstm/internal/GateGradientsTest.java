package org.rnnlab.cell.lstm.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.rnnlab.testkit.CellMatrices.assertSameBits;
import static org.rnnlab.testkit.CellMatrices.fillWithSpecialValues;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The backward step on the Vector API (this test runs only in the module's vector-kernels
 * execution, with jdk.incubator.vector) gives the scalar step's bits: every gate gradient and
 * dL/dc_{t-1}, for a share whose units are not a whole number of vectors, at t = 0 (the initial
 * c) and later, with dcIn and dcOut one array as the cell passes them, NaN and infinities in the
 * mix.
 */
class GateGradientsTest {
    private static final int HIDDEN = 23;
    private static final int BATCH = 3;
    private static final int STEPS = 4;

    @Test
    void theJvmWithTheVectorModuleRunsTheVectorStep() {
        assertInstanceOf(VectorGateGradients.class, GateGradients.INSTANCE);
    }

    @Test
    void vectorAndScalarStepsGiveTheSameBits() {
        LstmTrace window = new LstmTrace(BATCH, STEPS, 5, HIDDEN);
        Random random = new Random(8);
        fillWithSpecialValues(window.gates().data, random, true);
        fillWithSpecialValues(window.squashedCells().data, random, false);
        fillWithSpecialValues(window.cells().data, random, false);
        fillWithSpecialValues(window.initialState()[1].data, random, false);
        double[] dh = new double[STEPS * BATCH * HIDDEN];
        fillWithSpecialValues(dh, random, false);
        double[] dcStart = new double[BATCH * HIDDEN];
        fillWithSpecialValues(dcStart, random, false);
        // units from, to and sequences first, end: everything, shares of the units, shares of the sequences
        int[][] shares = {{0, HIDDEN, 0, BATCH}, {4, 17, 0, BATCH}, {8, 9, 0, BATCH}, {0, HIDDEN, 1, 3}, {0, HIDDEN, 0, 1}};
        for (int[] share : shares) {
            for (int t : new int[] {0, 2}) {
                double[] scalarDc = dcStart.clone();
                double[] vectorDc = dcStart.clone();
                double[] scalarDa = new double[STEPS * BATCH * 4 * HIDDEN];
                double[] vectorDa = new double[STEPS * BATCH * 4 * HIDDEN];
                int offset = t * BATCH * 4 * HIDDEN;
                new GateGradients().step(window, t, HIDDEN, share[0], share[1], share[2], share[3],
                        dh, t * BATCH * HIDDEN, scalarDc,
                        scalarDa, offset, scalarDc);
                GateGradients.INSTANCE.step(window, t, HIDDEN, share[0], share[1], share[2], share[3],
                        dh, t * BATCH * HIDDEN, vectorDc,
                        vectorDa, offset, vectorDc);
                assertSameBits(scalarDa, vectorDa, "gate gradients, units " + share[0] + ".." + share[1] + ", t=" + t);
                assertSameBits(scalarDc, vectorDc, "dL/dc, units " + share[0] + ".." + share[1] + ", t=" + t);
            }
        }
    }
}
