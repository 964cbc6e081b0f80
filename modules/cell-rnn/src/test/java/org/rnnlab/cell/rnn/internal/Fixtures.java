package org.rnnlab.cell.rnn.internal;

import java.util.Map;

import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.core.backend.JavaGemm;

/** The Elman cells by name, on the plain-Java backend. */
final class Fixtures {
    private Fixtures() {
    }

    static CellType cellType(String name) {
        return switch (name) {
            case "rnn-tanh" -> new RnnTanhCellType();
            case "rnn-relu" -> new RnnReluCellType();
            default -> throw new IllegalArgumentException("no Elman cell called " + name);
        };
    }

    static Cell cell(String name, int inputSize, int hiddenSize) {
        CellSpec spec = new CellSpec(inputSize, hiddenSize, Options.of(name, Map.of()), JavaGemm.INSTANCE);
        return cellType(name).create(spec);
    }
}
