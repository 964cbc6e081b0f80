package org.rnnlab.cell.esn.internal;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.testkit.CellGradientCheck;

/**
 * backward against central finite differences and its contract, as {@link CellGradientCheck}
 * defines them, for 6 steps of 3 rows, 4 inputs and 5 units, with and without leaking. The frozen
 * parameters' gradients are checked too: they are exact, only never applied.
 */
class GradientCheckTest {
    @ParameterizedTest(name = "leak {0}")
    @ValueSource(strings = {"1", "0.3"})
    void backwardPassesTheGradientChecks(String leak) {
        new CellGradientCheck(Fixtures.cell(4, 5, Map.of("leak", leak)), 6, 3).checkAll(17);
    }
}
