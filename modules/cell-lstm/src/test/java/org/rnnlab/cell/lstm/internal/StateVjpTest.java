package org.rnnlab.cell.lstm.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.testkit.StateJacobianCheck;

/**
 * stateVjp over s = (h, c) and stateVjpParameterGradient with the recorded gates and cells held
 * constant, against central differences ({@link StateJacobianCheck}), 5 steps of 2 rows.
 */
class StateVjpTest {
    private static final StateJacobianCheck CHECK = new StateJacobianCheck(Fixtures.cell(3, 4), 5, 2);

    @ParameterizedTest(name = "at step {0}")
    @ValueSource(ints = {0, 2, 4})
    void matchesCentralDifferencesOfOneStep(int t) {
        CHECK.stateVjpMatchesCentralDifferences(t, 21 + t);
    }

    @ParameterizedTest(name = "at step {0}")
    @ValueSource(ints = {0, 3})
    void parameterGradientMatchesCentralDifferences(int t) {
        CHECK.parameterGradientMatchesCentralDifferences(t, 34 + t);
    }
}
