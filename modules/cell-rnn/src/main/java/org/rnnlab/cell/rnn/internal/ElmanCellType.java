package org.rnnlab.cell.rnn.internal;

import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.core.cell.Activation;

/** Makes Elman kernels with one activation; the two registered components differ only in it. */
abstract class ElmanCellType implements CellType {
    private final Activation activation;

    ElmanCellType(Activation activation) {
        this.activation = activation;
    }

    @Override
    public Cell create(CellSpec spec) {
        spec.options().allowOnly();
        return new ElmanCell(spec.inputSize(), spec.hiddenSize(), activation, spec.backend());
    }
}
