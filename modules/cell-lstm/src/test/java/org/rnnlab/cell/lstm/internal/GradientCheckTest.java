package org.rnnlab.cell.lstm.internal;

import org.junit.jupiter.api.Test;
import org.rnnlab.testkit.CellGradientCheck;

/**
 * backward against central finite differences over h and c and its contract (accumulation, null
 * targets, hiddenGradients, carried state), as {@link CellGradientCheck} defines them, on 6 steps
 * of 3 rows, 4 inputs and 5 hidden units; and with 19 hidden units, where the gate blocks span
 * whole vectors of the Vector API kernels and a tail (the module's second test run has them).
 */
class GradientCheckTest {
    @Test
    void backwardPassesTheGradientChecks() {
        new CellGradientCheck(Fixtures.cell(4, 5), 6, 3).checkAll(11);
    }

    @Test
    void backwardPassesTheGradientChecksOnBlocksWiderThanAVector() {
        new CellGradientCheck(Fixtures.cell(3, 19), 4, 2).checkAll(12);
    }
}
