package org.rnnlab.cell.gru.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.testkit.CellGradientCheck;

/**
 * backward against central finite differences and its contract (accumulation, null targets,
 * hiddenGradients, carried state), as {@link CellGradientCheck} defines them, for every cell of
 * the family on 6 steps of 3 rows, 4 inputs and 5 hidden units.
 */
class GradientCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {"gru", "mgu", "mingru"})
    void backwardPassesTheGradientChecks(String cellName) {
        new CellGradientCheck(Fixtures.cell(cellName, 4, 5), 6, 3).checkAll(11);
    }
}
