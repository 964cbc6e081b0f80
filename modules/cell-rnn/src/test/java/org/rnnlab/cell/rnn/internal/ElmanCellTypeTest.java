package org.rnnlab.cell.rnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
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

/** What a cell type promises before any numerics: its options, parameters and state. */
class ElmanCellTypeTest {
    @ParameterizedTest
    @ValueSource(strings = {"rnn-tanh", "rnn-relu"})
    void unknownOptionIsRejectedNamingTheAcceptedKeys(String cellName) {
        CellSpec spec = new CellSpec(3, 4, Options.of(cellName, Map.of("gates", "2")), JavaGemm.INSTANCE);

        RnnlabException error = assertThrows(RnnlabException.class, () -> Fixtures.cellType(cellName).create(spec));

        assertEquals("unknown option 'gates' for " + cellName + "; accepted: none", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn-tanh", "rnn-relu"})
    void declaresPyTorchParametersAndOneState(String cellName) {
        Cell cell = Fixtures.cell(cellName, 3, 4);

        assertEquals(List.of(
                ParameterSpec.of("weight_ih", 4, 3, ParameterRole.INPUT_WEIGHTS),
                ParameterSpec.of("weight_hh", 4, 4, ParameterRole.RECURRENT_WEIGHTS),
                ParameterSpec.of("bias_ih", 1, 4, ParameterRole.BIAS),
                ParameterSpec.of("bias_hh", 1, 4, ParameterRole.BIAS)), cell.parameters());
        assertEquals(1, cell.stateSize());
        assertEquals(3, cell.inputSize());
        assertEquals(4, cell.hiddenSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn-tanh", "rnn-relu"})
    void traceIsSizedForItsWindow(String cellName) {
        CellTrace trace = Fixtures.cell(cellName, 3, 4).newTrace(2, 7);

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
    @ValueSource(strings = {"rnn-tanh", "rnn-relu"})
    void rejectsMisuseWithAMessage(String cellName) {
        Cell cell = Fixtures.cell(cellName, 3, 4);
        DMatrixRMaj[] params = CellMatrices.zeroParameters(cell);
        CellTrace trace = cell.newTrace(2, 3);
        DMatrixRMaj[] state = {new DMatrixRMaj(2, 4)};

        IllegalStateException early = assertThrows(IllegalStateException.class, () -> cell.backward(params, trace,
                new DMatrixRMaj(6, 4), null, CellMatrices.zeroParameters(cell), null, null));
        assertTrue(early.getMessage().contains("forward"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(params, new DMatrixRMaj(8, 3), 4, state, trace));
        assertTrue(tooLong.getMessage().contains("[1, 3]"));
        CellTrace foreign = Fixtures.cell(cellName, 5, 4).newTrace(2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> cell.forward(params, new DMatrixRMaj(6, 3), 3, state, foreign));
        assertEquals(0, trace.steps(), "a rejected call records nothing");
    }
}
