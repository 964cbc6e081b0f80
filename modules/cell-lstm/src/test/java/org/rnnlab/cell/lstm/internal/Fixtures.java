package org.rnnlab.cell.lstm.internal;

import java.util.Map;

import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.core.backend.JavaGemm;

/** The LSTM cell on the plain-Java backend. */
final class Fixtures {
    private Fixtures() {
    }

    static Cell cell(int inputSize, int hiddenSize) {
        return new LstmCellType().create(
                new CellSpec(inputSize, hiddenSize, Options.of("lstm", Map.of()), JavaGemm.INSTANCE));
    }
}
