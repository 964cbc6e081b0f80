package org.example.rnnlab.indrnn;

import java.util.Map;

import org.rnnlab.api.cell.CellType;
import org.rnnlab.testkit.CellReference;
import org.rnnlab.testkit.suite.CellTypeContract;

/**
 * The suite with a bound below the random weights' range (the kit draws parameters from
 * U(−0.5, 0.5)), so the forward check sees u held at the bound and the gradient checks see
 * du = 0 there.
 */
class BoundedIndRnnContractTest extends CellTypeContract {
    @Override
    protected CellType cellType() {
        return new IndRnnCellType();
    }

    @Override
    protected Map<String, String> options() {
        return Map.of("bound", "0.3");
    }

    @Override
    protected CellReference reference() {
        return (params, x, state) -> IndRnnReference.step(params, x, state, 0.3);
    }
}
