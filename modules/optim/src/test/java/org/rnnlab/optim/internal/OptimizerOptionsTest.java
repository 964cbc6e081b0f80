package org.rnnlab.optim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.optim.internal.Optimizers.configure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

class OptimizerOptionsTest {
    /** PyTorch 1.13's defaults, except sgd's lr, which PyTorch requires. */
    @Test
    void defaultsAreThoseOfPyTorch() {
        Map<String, UpdateRule> expected = Map.of(
                "sgd", new SgdRule(constant(0.01), 0, 0, 0, false),
                "momentum", new SgdRule(constant(0.01), 0.9, 0, 0, false),
                "nesterov", new SgdRule(constant(0.01), 0.9, 0, 0, true),
                "adagrad", new AdagradRule(constant(0.01), 0, 0, 0, 1e-10),
                "rmsprop", new RmspropRule(constant(0.01), 0.99, 1e-8, 0, 0, false),
                "adam", new AdamRule(constant(0.001), 0.9, 0.999, 1e-8, 0, false, false),
                "adamw", new AdamRule(constant(0.001), 0.9, 0.999, 1e-8, 0.01, false, true),
                "amsgrad", new AdamRule(constant(0.001), 0.9, 0.999, 1e-8, 0, true, false),
                "adamax", new AdamaxRule(constant(0.002), 0.9, 0.999, 1e-8, 0),
                "nadam", new NadamRule(constant(0.002), 0.9, 0.999, 1e-8, 0, 0.004));
        assertEquals(expected.keySet(), Optimizers.COMPONENTS.names(Optimizer.class));
        expected.forEach((name, rule) -> assertEquals(rule, configure(name, ""), name));
    }

    private static Schedule constant(double lr) {
        return new Schedule(lr, 0, new Schedule.Constant());
    }

    /** The named variants are their family's rule with other defaults, and accept the family's keys. */
    @ParameterizedTest(name = "{0} {1} = {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "momentum | ''                      | sgd     | momentum=0.9",
            "momentum | momentum=0.5 lr=0.1     | sgd     | momentum=0.5 lr=0.1",
            "nesterov | ''                      | sgd     | momentum=0.9 nesterov=true",
            "nesterov | nesterov=false          | momentum | ''",
            "amsgrad  | ''                      | adam    | amsgrad=true",
            "amsgrad  | betas=0.8,0.9 eps=1e-6  | adam    | amsgrad=true beta1=0.8 beta2=0.9 eps=1e-6",
            "adamw    | weight_decay=0.1        | adamw   | weight_decay=0.1 amsgrad=false",
            "rmsprop  | centered=true momentum=0.5 | rmsprop | momentum=0.5 centered=on" })
    void variantsAreTheirFamilysRule(String variant, String options, String family, String familyOptions) {
        assertEquals(configure(family, familyOptions), configure(variant, options));
    }

    @Test
    void adamwDecouplesWhereAdamAddsAnL2Term() {
        AdamRule adamw = (AdamRule) configure("adamw", "weight_decay=0.1");
        AdamRule adam = (AdamRule) configure("adam", "weight_decay=0.1");
        assertTrue(adamw.decoupled());
        assertFalse(adam.decoupled());
        assertEquals(adam.weightDecay(), adamw.weightDecay());
    }

    @Test
    void betasMayBeGivenAsAPairOrOneByOne() {
        UpdateRule pair = configure("adam", "betas=0.8,0.99");
        assertEquals(pair, configure("adam", "beta1=0.8 beta2=0.99"));
        assertEquals(pair, configure("adam", "betas=0.8,0.99 beta2=0.99"));
        assertEquals(configure("adam", "betas=0.9,0.99"), configure("adam", "beta2=0.99"));
        assertEquals(configure("nadam", "betas=0.8,0.99"), configure("nadam", "beta1=0.8 beta2=0.99"));
    }

    /** Each bad value gets a one-line message naming the option, the value and what is accepted. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "sgd      | lr=0                      | lr=0 is not accepted; expected a number > 0",
            "sgd      | lr=-0.1                   | expected a number > 0",
            "sgd      | lr=fast                   | lr=fast is not accepted",
            "sgd      | momentum=-0.9             | expected a finite number >= 0",
            "sgd      | momentum=Infinity         | expected a finite number >= 0",
            "sgd      | dampening=1.5             | expected a number in [0, 1]",
            "sgd      | weight_decay=-1           | expected a finite number >= 0",
            "sgd      | nesterov=maybe            | expected true or false",
            "sgd      | nesterov=true             | nesterov=true is not accepted; expected false unless momentum > 0 and dampening = 0",
            "sgd      | nesterov=true momentum=0.9 dampening=0.1 | expected false unless momentum > 0 and dampening = 0",
            "nesterov | momentum=0                | expected false unless momentum > 0 and dampening = 0 (momentum=0.0",
            "sgd      | betas=0.9,0.999           | unknown option 'betas' for sgd; accepted: dampening, eta_min, gamma, lr, momentum, nesterov, schedule, step_size, t_max, warmup, weight_decay",
            "momentum | amsgrad=true              | unknown option 'amsgrad' for momentum",
            "adam     | lr=0                      | expected a number > 0",
            "adam     | beta1=1                   | beta1=1 is not accepted; expected a number in [0, 1)",
            "adam     | beta2=-0.1                | expected a number in [0, 1)",
            "adam     | beta1=NaN                 | expected a number in [0, 1)",
            "adam     | betas=0.9                 | betas=0.9 is not accepted; expected two numbers in [0, 1) separated by a comma",
            "adam     | betas=0.9,1               | expected two numbers in [0, 1)",
            "adam     | betas=0.9,0.999,0.5       | expected two numbers in [0, 1)",
            "adam     | betas=x                   | expected two numbers in [0, 1)",
            "adam     | betas=0.9,0.999 beta1=0.8 | beta1=0.8 contradicts betas=0.9,0.999",
            "adam     | eps=0                     | eps=0 is not accepted; expected a number > 0",
            "adam     | weight_decay=-0.01        | expected a finite number >= 0",
            "adam     | amsgrad=2                 | expected true or false",
            "adam     | decoupled=true            | unknown option 'decoupled' for adam",
            "adam     | momentum=0.9              | unknown option 'momentum' for adam",
            "adamw    | weight_decay=x            | weight_decay=x is not accepted; expected a finite number >= 0",
            "amsgrad  | amsgrad=perhaps           | expected true or false",
            "adagrad  | lr_decay=-1               | lr_decay=-1 is not accepted; expected a finite number >= 0",
            "adagrad  | initial_accumulator_value=-0.1 | expected a finite number >= 0",
            "adagrad  | eps=-1                    | eps=-1 is not accepted; expected a number > 0",
            "adagrad  | momentum=0.9              | unknown option 'momentum' for adagrad",
            "rmsprop  | alpha=1                   | alpha=1 is not accepted; expected a number in [0, 1)",
            "rmsprop  | alpha=x                   | expected a number in [0, 1)",
            "rmsprop  | centered=maybe            | expected true or false",
            "rmsprop  | momentum=-1               | expected a finite number >= 0",
            "adamax   | betas=1,0.5               | expected two numbers in [0, 1)",
            "adamax   | amsgrad=true              | unknown option 'amsgrad' for adamax",
            "nadam    | momentum_decay=-0.004     | momentum_decay=-0.004 is not accepted; expected a finite number >= 0",
            "nadam    | momentum_decay=x          | expected a finite number >= 0",
            "nadam    | eps=0                     | expected a number > 0" })
    void badOptionsGetOneLineMessages(String name, String keyValues, String expected) {
        RnnlabException e = assertThrows(RnnlabException.class, () -> configure(name, keyValues));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(name + ": ") || e.getMessage().contains(" for " + name),
                e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
