package org.rnnlab.cell.esn.internal;

import java.util.Map;

import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.core.backend.JavaGemm;

/** Reservoirs on the plain-Java backend. */
final class Fixtures {
    private Fixtures() {
    }

    static CellSpec spec(int inputSize, int hiddenSize, Map<String, String> options) {
        return new CellSpec(inputSize, hiddenSize, Options.of("esn", options), JavaGemm.INSTANCE);
    }

    static Cell cell(int inputSize, int hiddenSize, Map<String, String> options) {
        return new EsnCellType().create(spec(inputSize, hiddenSize, options));
    }
}
