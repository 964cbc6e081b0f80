package org.rnnlab.cell.lstm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.testkit.CellMatrices;

/** What the cell type promises before the numerics: its options, parameters, gates and state. */
class LstmCellTypeTest {
    private static final List<String> GATES = List.of("i", "f", "g", "o");

    @ParameterizedTest
    @ValueSource(strings = {"forget_bias", "hidden"})
    void anyOptionIsRejectedInOneLine(String key) {
        CellSpec spec = new CellSpec(3, 4, Options.of("lstm", Map.of(key, "1")), JavaGemm.INSTANCE);

        RnnlabException error = assertThrows(RnnlabException.class, () -> new LstmCellType().create(spec));

        assertEquals("unknown option '" + key + "' for lstm; accepted: none", error.getMessage());
    }

    @Test
    void declaresPyTorchParametersWithGateBlocksAndTwoStates() {
        Cell cell = Fixtures.cell(3, 4);

        assertEquals(List.of(
                new ParameterSpec("weight_ih", 16, 3, ParameterRole.INPUT_WEIGHTS, GATES, true),
                new ParameterSpec("weight_hh", 16, 4, ParameterRole.RECURRENT_WEIGHTS, GATES, true),
                new ParameterSpec("bias_ih", 1, 16, ParameterRole.BIAS, GATES, true),
                new ParameterSpec("bias_hh", 1, 16, ParameterRole.BIAS, GATES, true)), cell.parameters());
        assertEquals(2, cell.stateSize());
        assertEquals(3, cell.inputSize());
        assertEquals(4, cell.hiddenSize());
    }

    /**
     * The gate blocks are where the parameter declares them, the k-th of G equal slices of the
     * bias row: with all weights zero and only the forget block of bias_ih large, f ≈ 1 and
     * i = 0.5, g = 0, so every step keeps c_0; with the forget block very negative, c is
     * forgotten at once.
     */
    @ParameterizedTest
    @ValueSource(doubles = {40, -40})
    void theForgetBlockOfTheBiasGatesTheCell(double forgetBias) {
        Cell cell = Fixtures.cell(2, 3);
        DMatrixRMaj[] params = CellMatrices.zeroParameters(cell);
        ParameterSpec biasIh = cell.parameters().get(2);
        int width = biasIh.cols() / biasIh.gates().size();
        int forget = biasIh.gates().indexOf("f") * width;
        for (int j = forget; j < forget + width; j++) {
            params[2].set(0, j, forgetBias);
        }
        DMatrixRMaj[] initial = {new DMatrixRMaj(1, 3), new DMatrixRMaj(1, 3, true, 0.3, -0.7, 1.1)};
        CellTrace trace = cell.newTrace(1, 4);

        cell.forward(params, new DMatrixRMaj(4, 2), 4, initial, trace);

        for (int j = 0; j < 3; j++) {
            double expected = forgetBias > 0 ? initial[1].get(0, j) : 0.0;
            assertEquals(expected, trace.finalState()[1].get(0, j), 1e-15);
        }
    }

    @Test
    void traceIsSizedForItsWindow() {
        CellTrace trace = Fixtures.cell(3, 4).newTrace(2, 7);

        assertEquals(2, trace.batch());
        assertEquals(7, trace.capacity());
        assertEquals(0, trace.steps());
        assertEquals(14, trace.outputs().numRows);
        assertEquals(4, trace.outputs().numCols);
        assertEquals(14, trace.hiddenGradients().numRows);
        assertEquals(2, trace.finalState().length);
        assertEquals(2, trace.finalState()[1].numRows);
        assertEquals(4, trace.finalState()[1].numCols);
    }

    @Test
    void rejectsMisuseWithAMessage() {
        Cell cell = Fixtures.cell(3, 4);
        DMatrixRMaj[] params = CellMatrices.zeroParameters(cell);
        CellTrace trace = cell.newTrace(2, 3);
        DMatrixRMaj[] state = CellMatrices.zeroStates(cell, 2);

        IllegalStateException early = assertThrows(IllegalStateException.class, () -> cell.backward(params, trace,
                new DMatrixRMaj(6, 4), null, CellMatrices.zeroParameters(cell), null, null));
        assertTrue(early.getMessage().contains("forward"));
        IllegalArgumentException oneState = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(params, new DMatrixRMaj(6, 3), 3, new DMatrixRMaj[] {state[0]}, trace));
        assertTrue(oneState.getMessage().contains("(h, c)"), oneState.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(params, new DMatrixRMaj(8, 3), 4, state, trace));
        assertTrue(tooLong.getMessage().contains("[1, 3]"));
        CellTrace foreign = Fixtures.cell(5, 4).newTrace(2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> cell.forward(params, new DMatrixRMaj(6, 3), 3, state, foreign));
        assertEquals(0, trace.steps(), "a rejected call records nothing");

        cell.forward(params, new DMatrixRMaj(6, 3), 3, state, trace);
        DMatrixRMaj[] out = CellMatrices.zeroStates(cell, 2);
        assertThrows(IllegalArgumentException.class, () -> cell.stateVjp(params, trace, 3, state, out));
        assertThrows(IllegalArgumentException.class, () -> cell.stateVjp(params, trace, 0, state, state));
    }
}
