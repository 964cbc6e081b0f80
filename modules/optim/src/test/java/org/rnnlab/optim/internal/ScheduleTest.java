package org.rnnlab.optim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.optim.internal.Optimizers.configure;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.optim.UpdateRule;

/**
 * Learning rates against torch.optim.lr_scheduler's formulas, evaluated by hand at the given steps
 * (completed updates = the scheduler's last_epoch): StepLR lr*gamma^(t // step_size),
 * ExponentialLR lr*gamma^t, CosineAnnealingLR eta_min + (lr - eta_min)(1 + cos(pi t/t_max))/2, and
 * the warm-up as LinearLR(start_factor=1/N, total_iters=N-1) followed by the decay at t - N.
 */
class ScheduleTest {
    private static final double RELATIVE_TOLERANCE = 1e-12;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "lr=0.1                                         | 0 1 1000000          | 0.1 0.1 0.1",
            "lr=0.1 schedule=step step_size=3 gamma=0.5    | 0 2 3 5 6 9          | 0.1 0.1 0.05 0.05 0.025 0.0125",
            "lr=0.2 schedule=step step_size=2              | 0 1 2 4              | 0.2 0.2 0.02 0.002",
            "lr=1 schedule=exponential gamma=0.5           | 0 1 3 10             | 1 0.5 0.125 0.0009765625",
            "lr=1 schedule=cosine t_max=4                  | 0 1 2 3 4 6 8        | 1 0.8535533905932737 0.5 0.14644660940672627 0 0.5 1",
            "lr=1.1 schedule=cosine t_max=4 eta_min=0.1    | 0 2 4                | 1.1 0.6 0.1",
            "lr=0.2 warmup=4                               | 0 1 2 3 4 100        | 0.05 0.1 0.15 0.2 0.2 0.2",
            "lr=1 warmup=1                                 | 0 1                  | 1 1",
            "lr=1 warmup=2 schedule=cosine t_max=4         | 0 1 2 4 6            | 0.5 1 1 0.5 0",
            "lr=1 warmup=2 schedule=step step_size=2 gamma=0.1 | 0 1 2 3 4 6     | 0.5 1 1 1 0.1 0.01",
            "lr=1 warmup=3 schedule=exponential gamma=0.5  | 0 1 2 3 4            | 0.3333333333333333 0.6666666666666666 1 1 0.5" })
    void ratesFollowTorchsFormulas(String options, String steps, String rates) {
        UpdateRule rule = configure("sgd", options);
        long[] at = Arrays.stream(steps.split(" ")).mapToLong(Long::parseLong).toArray();
        double[] expected = Arrays.stream(rates.split(" ")).mapToDouble(Double::parseDouble).toArray();
        for (int k = 0; k < at.length; k++) {
            assertClose(expected[k], rule.learningRate(at[k]), "step " + at[k]);
        }
    }

    /** Torch's LinearLR closed form with start_factor 1/N and total_iters N-1, step by step. */
    @ParameterizedTest
    @ValueSource(ints = { 2, 5, 13 })
    void warmupIsTorchsLinearLr(int n) {
        UpdateRule rule = configure("adam", "lr=0.003 warmup=" + n);
        double start = 1.0 / n;
        int total = n - 1;
        for (int step = 0; step < 3 * n; step++) {
            double factor = start + (1 - start) * Math.min(total, step) / total;
            assertClose(0.003 * factor, rule.learningRate(step), "step " + step);
        }
    }

    /** One Schedule serves every rule. */
    @ParameterizedTest
    @ValueSource(strings = { "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad", "adamax",
            "nadam" })
    void everyOptimizerSchedules(String name) {
        UpdateRule rule = configure(name, "lr=0.1 schedule=exponential gamma=0.5 warmup=2");
        assertClose(0.05, rule.learningRate(0), name);
        assertClose(0.025, rule.learningRate(4), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "schedule=linear                      | schedule=linear is not accepted; expected one of constant, step, exponential, cosine",
            "schedule=step                        | schedule=step needs step_size; expected an integer >= 1",
            "schedule=step step_size=0            | step_size=0 is not accepted; expected an integer >= 1",
            "schedule=step step_size=2.5          | step_size=2.5 is not accepted; expected an integer >= 1",
            "schedule=step step_size=2 gamma=0    | gamma=0 is not accepted; expected a number > 0",
            "schedule=exponential                 | schedule=exponential needs gamma; expected a number > 0",
            "schedule=exponential gamma=x         | gamma=x is not accepted; expected a number",
            "schedule=cosine                      | schedule=cosine needs t_max; expected an integer >= 1",
            "schedule=cosine t_max=10 eta_min=-1  | eta_min=-1 is not accepted; expected a finite number >= 0",
            "schedule=cosine t_max=10 gamma=0.5   | gamma=0.5 does not apply to schedule=cosine; it takes [eta_min, t_max]",
            "step_size=10                         | step_size=10 does not apply to schedule=constant; it takes none of",
            "schedule=exponential gamma=0.9 t_max=5 | t_max=5 does not apply to schedule=exponential; it takes [gamma]",
            "warmup=-1                            | warmup=-1 is not accepted; expected an integer >= 0",
            "warmup=soon                          | warmup=soon is not accepted; expected an integer >= 0" })
    void badScheduleOptionsGetOneLineMessages(String options, String expected) {
        RnnlabException e = assertThrows(RnnlabException.class, () -> configure("rmsprop", options));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("rmsprop: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertClose(double expected, double actual, String where) {
        assertTrue(Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.abs(expected),
                () -> where + ": expected " + expected + ", got " + actual);
    }
}
