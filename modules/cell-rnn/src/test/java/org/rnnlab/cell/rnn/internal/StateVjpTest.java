package org.rnnlab.cell.rnn.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.testkit.StateJacobianCheck;

/** stateVjp and stateVjpParameterGradient against central differences ({@link StateJacobianCheck}), 5 steps of 2 rows. */
class StateVjpTest {
    private static StateJacobianCheck check(String cellName) {
        return new StateJacobianCheck(Fixtures.cell(cellName, 3, 4), 5, 2);
    }

    @ParameterizedTest(name = "{0} at step {1}")
    @CsvSource({"rnn-tanh, 0", "rnn-tanh, 3", "rnn-relu, 0", "rnn-relu, 4"})
    void matchesCentralDifferencesOfOneStep(String cellName, int t) {
        check(cellName).stateVjpMatchesCentralDifferences(t, 21);
    }

    @ParameterizedTest(name = "{0} at step {1}")
    @CsvSource({"rnn-tanh, 0", "rnn-tanh, 4", "rnn-relu, 2"})
    void parameterGradientMatchesCentralDifferences(String cellName, int t) {
        check(cellName).parameterGradientMatchesCentralDifferences(t, 34);
    }
}
