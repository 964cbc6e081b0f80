package org.rnnlab.cell.gru.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.testkit.StateJacobianCheck;

/**
 * stateVjp and stateVjpParameterGradient against central differences ({@link StateJacobianCheck}),
 * 5 steps of 2 rows. For mingru, whose Jacobian holds no parameter, both sides of the parameter
 * gradient are zero.
 */
class StateVjpTest {
    private static StateJacobianCheck check(String cellName) {
        return new StateJacobianCheck(Fixtures.cell(cellName, 3, 4), 5, 2);
    }

    @ParameterizedTest(name = "{0} at step {1}")
    @CsvSource({"gru, 0", "gru, 3", "mgu, 0", "mgu, 4", "mingru, 0", "mingru, 2"})
    void matchesCentralDifferencesOfOneStep(String cellName, int t) {
        check(cellName).stateVjpMatchesCentralDifferences(t, 21 + t);
    }

    @ParameterizedTest(name = "{0} at step {1}")
    @CsvSource({"gru, 0", "gru, 4", "mgu, 0", "mgu, 3", "mingru, 2"})
    void parameterGradientMatchesCentralDifferences(String cellName, int t) {
        check(cellName).parameterGradientMatchesCentralDifferences(t, 34 + t);
    }
}
