package org.rnnlab.cell.rnn.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.testkit.CellGradientCheck;

/**
 * backward against central finite differences and its contract (accumulation, null targets,
 * hiddenGradients, carried state), as {@link CellGradientCheck} defines them, for 6 steps of 3
 * rows, 4 inputs and 5 hidden units. ReLU kinks are not an issue: random pre-activations are
 * almost surely farther than the step from 0.
 */
class GradientCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {"rnn-tanh", "rnn-relu"})
    void backwardPassesTheGradientChecks(String cellName) {
        new CellGradientCheck(Fixtures.cell(cellName, 4, 5), 6, 3).checkAll(11);
    }
}
