package org.rnnlab.cell.gru.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.rnnlab.testkit.CellMatrices.assertSameBits;
import static org.rnnlab.testkit.CellMatrices.fillWithSpecialValues;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The GRU's backward step on the Vector API (this test runs only in the module's vector-kernels
 * execution, with jdk.incubator.vector) gives the scalar step's bits: both sides' gate gradients
 * and dL/dh_{t-1}, for a share whose units are not a whole number of vectors, at t = 0 (the
 * initial h) and later, with dL/dh_{t-1} in the same array as dL/dh_t as the cell passes it,
 * NaN, infinities and -0.0 in the mix.
 */
class GruGateGradientsTest {
    private static final int HIDDEN = 23;
    private static final int BATCH = 3;
    private static final int STEPS = 4;

    @Test
    void theJvmWithTheVectorModuleRunsTheVectorStep() {
        assertInstanceOf(VectorGruGateGradients.class, GruGateGradients.INSTANCE);
    }

    @Test
    void vectorAndScalarStepsGiveTheSameBits() {
        GruTrace window = new GruTrace(BATCH, STEPS, 5, HIDDEN);
        Random random = new Random(9);
        fillWithSpecialValues(window.gates().data, random, true);
        fillWithSpecialValues(window.resetTerms().data, random, false);
        fillWithSpecialValues(window.outputs().data, random, false);
        fillWithSpecialValues(window.initialState()[0].data, random, false);
        double[] dhStart = new double[STEPS * BATCH * HIDDEN];
        fillWithSpecialValues(dhStart, random, false);
        // units from, to and sequences first, end: everything, shares of the units, shares of the sequences
        int[][] shares = {{0, HIDDEN, 0, BATCH}, {4, 17, 0, BATCH}, {8, 9, 0, BATCH}, {0, HIDDEN, 1, 3}, {0, HIDDEN, 0, 1}};
        for (int[] share : shares) {
            for (int t : new int[] {0, 2}) {
                double[] scalarDh = dhStart.clone();
                double[] vectorDh = dhStart.clone();
                double[] previousStart = new double[BATCH * HIDDEN];
                fillWithSpecialValues(previousStart, random, false);
                double[] scalarInitial = previousStart.clone();
                double[] vectorInitial = previousStart.clone();
                int width = 3 * HIDDEN;
                double[][] scalarGrads = {new double[STEPS * BATCH * width], new double[STEPS * BATCH * width]};
                double[][] vectorGrads = {new double[STEPS * BATCH * width], new double[STEPS * BATCH * width]};
                int offset = t * BATCH * width;
                int previousOffset = t > 0 ? (t - 1) * BATCH * HIDDEN : 0;
                new GruGateGradients().step(window, t, HIDDEN, share[0], share[1], share[2], share[3],
                        scalarDh, t * BATCH * HIDDEN,
                        scalarGrads[0], scalarGrads[1], offset, t > 0 ? scalarDh : scalarInitial, previousOffset);
                GruGateGradients.INSTANCE.step(window, t, HIDDEN, share[0], share[1], share[2], share[3],
                        vectorDh, t * BATCH * HIDDEN,
                        vectorGrads[0], vectorGrads[1], offset, t > 0 ? vectorDh : vectorInitial, previousOffset);
                String where = "units " + share[0] + ".." + share[1] + ", sequences " + share[2] + ".." + share[3] + ", t=" + t;
                assertSameBits(scalarGrads[0], vectorGrads[0], "input-side gradients, " + where);
                assertSameBits(scalarGrads[1], vectorGrads[1], "recurrent-side gradients, " + where);
                assertSameBits(scalarDh, vectorDh, "dL/dh, " + where);
                assertSameBits(scalarInitial, vectorInitial, "dL/dh_{-1}, " + where);
            }
        }
    }
}
