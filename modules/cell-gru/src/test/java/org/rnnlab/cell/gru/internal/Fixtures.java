package org.rnnlab.cell.gru.internal;

import java.util.Map;

import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.core.backend.JavaGemm;

/** The cells of the GRU family by name, on the plain-Java backend. */
final class Fixtures {
    private Fixtures() {
    }

    static CellType cellType(String name) {
        return switch (name) {
            case "gru" -> new GruCellType();
            case "mgu" -> new MguCellType();
            case "mingru" -> new MinGruCellType();
            default -> throw new IllegalArgumentException("no cell of the GRU family called " + name);
        };
    }

    static Cell cell(String name, int inputSize, int hiddenSize) {
        CellSpec spec = new CellSpec(inputSize, hiddenSize, Options.of(name, Map.of()), JavaGemm.INSTANCE);
        return cellType(name).create(spec);
    }
}
