package org.rnnlab.cell.lstm.internal;

import org.junit.jupiter.api.Test;
import org.rnnlab.testkit.CellGradientCheck;

/**
 * backward against central finite differences over h and c and its contract (accumulation, null
 * targets, hiddenGradients, carried state), as {@link CellGradientCheck} defines them, on 6 steps
 * of 3 rows, 4 inputs and 5 hidden units.
 */
class GradientCheckTest {
    @Test
    void backwardPassesTheGradientChecks() {
        new CellGradientCheck(Fixtures.cell(4, 5), 6, 3).checkAll(11);
    }
}
