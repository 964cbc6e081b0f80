package org.example.rnnlab.indrnn;

import org.rnnlab.api.cell.CellType;
import org.rnnlab.testkit.CellReference;
import org.rnnlab.testkit.suite.CellTypeContract;

/** The whole testkit suite on the IndRNN cell, against the paper's equation. */
class IndRnnContractTest extends CellTypeContract {
    @Override
    protected CellType cellType() {
        return new IndRnnCellType();
    }

    @Override
    protected CellReference reference() {
        return (params, x, state) -> IndRnnReference.step(params, x, state, 1);
    }
}
