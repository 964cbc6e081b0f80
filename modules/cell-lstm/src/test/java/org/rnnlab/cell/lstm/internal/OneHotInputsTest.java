package org.rnnlab.cell.lstm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.core.backend.JavaGemm;

/**
 * One-hot inputs take a lookup instead of the input product (and a row-wise sum instead of
 * dW_ih's product): the same window with -0.0 for its zeros is the same input to the
 * mathematics but takes the products, and every output and gradient agrees to 1e-12.
 */
class OneHotInputsTest {
    private static final int INPUT = 7;
    private static final int HIDDEN = 11;
    private static final int BATCH = 3;
    private static final int STEPS = 5;

    @Test
    void theLookupGivesWhatTheProductGives() {
        Random random = new Random(21);
        DMatrixRMaj oneHot = new DMatrixRMaj(STEPS * BATCH, INPUT);
        DMatrixRMaj negativeZeros = new DMatrixRMaj(STEPS * BATCH, INPUT);
        for (int r = 0; r < oneHot.numRows; r++) {
            int hot = r == 4 ? -1 : random.nextInt(INPUT); // row 4 is all zeros
            for (int j = 0; j < INPUT; j++) {
                oneHot.set(r, j, j == hot ? 1.0 : 0.0);
                negativeZeros.set(r, j, j == hot ? 1.0 : -0.0);
            }
        }
        Window lookup = new Window(oneHot);
        Window product = new Window(negativeZeros);
        assertClose(product.outputs, lookup.outputs, "outputs");
        for (int p = 0; p < product.gradParams.length; p++) {
            assertClose(product.gradParams[p], lookup.gradParams[p], "gradient " + p);
        }
        assertClose(product.gradInputs, lookup.gradInputs, "input gradients");
        assertEquals(product.products - 2, lookup.products, "the lookup replaces the input product and dW_ih's");
    }

    /** Forward and backward of one window from fixed parameters, state and upstream gradients. */
    private static final class Window {
        final DMatrixRMaj outputs;
        final DMatrixRMaj[] gradParams;
        final DMatrixRMaj gradInputs = new DMatrixRMaj(STEPS * BATCH, INPUT);
        int products;

        Window(DMatrixRMaj inputs) {
            Random random = new Random(5);
            MatrixBackend counting = (transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc) -> {
                products++;
                JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                        cOffset, ldc);
            };
            Cell cell = new LstmCellType().create(
                    new CellSpec(INPUT, HIDDEN, Options.of("lstm", java.util.Map.of()), counting));
            DMatrixRMaj[] params = new DMatrixRMaj[cell.parameters().size()];
            gradParams = new DMatrixRMaj[params.length];
            for (int p = 0; p < params.length; p++) {
                ParameterSpec spec = cell.parameters().get(p);
                params[p] = filled(random, spec.rows(), spec.cols());
                gradParams[p] = filled(random, spec.rows(), spec.cols());
            }
            DMatrixRMaj[] state = {filled(random, BATCH, HIDDEN), filled(random, BATCH, HIDDEN)};
            CellTrace trace = cell.newTrace(BATCH, STEPS);
            cell.forward(params, inputs, STEPS, state, trace);
            outputs = trace.outputs().copy();
            cell.backward(params, trace, filled(random, STEPS * BATCH, HIDDEN), null, gradParams, gradInputs, null);
        }
    }

    private static DMatrixRMaj filled(Random random, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian() * 0.5;
        }
        return m;
    }

    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        assertEquals(expected.data.length, actual.data.length, what);
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(expected.data[i], actual.data[i], 1e-12 * (1 + Math.abs(expected.data[i])), what + " " + i);
        }
    }
}
