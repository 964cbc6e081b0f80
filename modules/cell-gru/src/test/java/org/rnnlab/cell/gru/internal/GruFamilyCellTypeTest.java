package org.rnnlab.cell.gru.internal;

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

/** What the cell types promise before the numerics: their options, parameters, gates and state. */
class GruFamilyCellTypeTest {
    @ParameterizedTest
    @ValueSource(strings = {"gru", "mgu", "mingru"})
    void anyOptionIsRejectedInOneLine(String cellName) {
        CellSpec spec = new CellSpec(3, 4, Options.of(cellName, Map.of("gates", "2")), JavaGemm.INSTANCE);

        RnnlabException error = assertThrows(RnnlabException.class, () -> Fixtures.cellType(cellName).create(spec));

        assertEquals("unknown option 'gates' for " + cellName + "; accepted: none", error.getMessage());
    }

    @Test
    void gruDeclaresPyTorchParameters() {
        List<String> gates = List.of("r", "z", "n");
        assertEquals(List.of(
                new ParameterSpec("weight_ih", 12, 3, ParameterRole.INPUT_WEIGHTS, gates, true),
                new ParameterSpec("weight_hh", 12, 4, ParameterRole.RECURRENT_WEIGHTS, gates, true),
                new ParameterSpec("bias_ih", 1, 12, ParameterRole.BIAS, gates, true),
                new ParameterSpec("bias_hh", 1, 12, ParameterRole.BIAS, gates, true)),
                Fixtures.cell("gru", 3, 4).parameters());
    }

    @Test
    void mguDeclaresOneBiasPerGate() {
        List<String> gates = List.of("f", "n");
        assertEquals(List.of(
                new ParameterSpec("weight_ih", 8, 3, ParameterRole.INPUT_WEIGHTS, gates, true),
                new ParameterSpec("weight_hh", 8, 4, ParameterRole.RECURRENT_WEIGHTS, gates, true),
                new ParameterSpec("bias", 1, 8, ParameterRole.BIAS, gates, true)),
                Fixtures.cell("mgu", 3, 4).parameters());
    }

    @Test
    void minGruHasNoRecurrentWeights() {
        List<String> gates = List.of("z", "n");
        assertEquals(List.of(
                new ParameterSpec("weight_ih", 8, 3, ParameterRole.INPUT_WEIGHTS, gates, true),
                new ParameterSpec("bias", 1, 8, ParameterRole.BIAS, gates, true)),
                Fixtures.cell("mingru", 3, 4).parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "mgu", "mingru"})
    void oneStateAndATraceSizedForItsWindow(String cellName) {
        Cell cell = Fixtures.cell(cellName, 3, 4);
        CellTrace trace = cell.newTrace(2, 7);

        assertEquals(1, cell.stateSize());
        assertEquals(3, cell.inputSize());
        assertEquals(4, cell.hiddenSize());
        assertEquals(2, trace.batch());
        assertEquals(7, trace.capacity());
        assertEquals(0, trace.steps());
        assertEquals(14, trace.outputs().numRows);
        assertEquals(4, trace.outputs().numCols);
        assertEquals(14, trace.hiddenGradients().numRows);
        assertEquals(1, trace.finalState().length);
        assertEquals(2, trace.finalState()[0].numRows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gru", "mgu", "mingru"})
    void rejectsMisuseWithAMessage(String cellName) {
        Cell cell = Fixtures.cell(cellName, 3, 4);
        DMatrixRMaj[] params = CellMatrices.zeroParameters(cell);
        CellTrace trace = cell.newTrace(2, 3);
        DMatrixRMaj[] state = CellMatrices.zeroStates(cell, 2);

        IllegalStateException early = assertThrows(IllegalStateException.class, () -> cell.backward(params, trace,
                new DMatrixRMaj(6, 4), null, CellMatrices.zeroParameters(cell), null, null));
        assertTrue(early.getMessage().contains("forward"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(params, new DMatrixRMaj(8, 3), 4, state, trace));
        assertTrue(tooLong.getMessage().contains("[1, 3]"));
        IllegalArgumentException twoStates = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(params, new DMatrixRMaj(6, 3), 3, new DMatrixRMaj[] {state[0], state[0]}, trace));
        assertTrue(twoStates.getMessage().contains("(h)"), twoStates.getMessage());
        CellTrace foreign = Fixtures.cell(cellName.equals("gru") ? "mgu" : "gru", 3, 4).newTrace(2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> cell.forward(params, new DMatrixRMaj(6, 3), 3, state, foreign));
        assertEquals(0, trace.steps(), "a rejected call records nothing");
    }
}
