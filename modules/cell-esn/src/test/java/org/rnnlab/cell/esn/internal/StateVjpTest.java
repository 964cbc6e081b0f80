package org.rnnlab.cell.esn.internal;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.testkit.StateJacobianCheck;

/** stateVjp and stateVjpParameterGradient against central differences ({@link StateJacobianCheck}), 5 steps of 2 rows. */
class StateVjpTest {
    private static StateJacobianCheck check(String leak) {
        return new StateJacobianCheck(Fixtures.cell(3, 4, Map.of("leak", leak)), 5, 2);
    }

    @ParameterizedTest(name = "leak {0} at step {1}")
    @CsvSource({"1, 0", "1, 3", "0.4, 0", "0.4, 4"})
    void matchesCentralDifferencesOfOneStep(String leak, int t) {
        check(leak).stateVjpMatchesCentralDifferences(t, 21);
    }

    @ParameterizedTest(name = "leak {0} at step {1}")
    @CsvSource({"1, 2", "0.4, 0", "0.4, 4"})
    void parameterGradientMatchesCentralDifferences(String leak, int t) {
        check(leak).parameterGradientMatchesCentralDifferences(t, 34);
    }
}
