package org.rnnlab.optim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

class OptimizerOptionsTest {
    static Optimizer optimizer(String name) {
        return name.equals("sgd") ? new SgdOptimizer() : new AdamOptimizer();
    }

    /** {@code keyValues} as "k=v k=v" (empty for none). */
    static UpdateRule configure(String name, String keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : keyValues.isBlank() ? new String[0] : keyValues.split(" ")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return optimizer(name).configure(Options.of(name, values));
    }

    @Test
    void defaultsAreThoseOfPyTorchWithAnLrForSgd() {
        assertEquals(new SgdRule(0.01, 0, 0, 0, false), configure("sgd", ""));
        assertEquals(new AdamRule(0.001, 0.9, 0.999, 1e-8, 0, false, false), configure("adam", ""));
    }

    @Test
    void betasMayBeGivenAsAPairOrOneByOne() {
        UpdateRule pair = configure("adam", "betas=0.8,0.99");
        assertEquals(pair, configure("adam", "beta1=0.8 beta2=0.99"));
        assertEquals(pair, configure("adam", "betas=0.8,0.99 beta2=0.99"));
        assertEquals(configure("adam", "betas=0.9,0.99"), configure("adam", "beta2=0.99"));
    }

    /** Each bad value gets a one-line message naming the option, the value and what is accepted. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "sgd  | lr=0                      | lr=0 is not accepted; expected a number > 0",
            "sgd  | lr=-0.1                   | expected a number > 0",
            "sgd  | lr=fast                   | lr=fast is not accepted",
            "sgd  | momentum=-0.9             | expected a finite number >= 0",
            "sgd  | momentum=Infinity         | expected a finite number >= 0",
            "sgd  | dampening=1.5             | expected a number in [0, 1]",
            "sgd  | weight_decay=-1           | expected a finite number >= 0",
            "sgd  | nesterov=maybe            | expected true or false",
            "sgd  | nesterov=true             | expected false unless momentum > 0 and dampening = 0",
            "sgd  | nesterov=true momentum=0.9 dampening=0.1 | expected false unless momentum > 0 and dampening = 0",
            "sgd  | betas=0.9,0.999           | unknown option 'betas' for sgd; accepted: dampening, lr, momentum",
            "adam | lr=0                      | expected a number > 0",
            "adam | beta1=1                   | beta1=1 is not accepted; expected a number in [0, 1)",
            "adam | beta2=-0.1                | expected a number in [0, 1)",
            "adam | beta1=NaN                 | expected a number in [0, 1)",
            "adam | betas=0.9                 | betas=0.9 is not accepted; expected two numbers in [0, 1) separated by a comma",
            "adam | betas=0.9,1               | expected two numbers in [0, 1)",
            "adam | betas=0.9,0.999,0.5       | expected two numbers in [0, 1)",
            "adam | betas=0.9,x               | expected two numbers in [0, 1)",
            "adam | betas=0.9,0.999 beta1=0.8 | beta1=0.8 contradicts betas=0.9,0.999",
            "adam | eps=0                     | eps=0 is not accepted; expected a number > 0",
            "adam | weight_decay=-0.01        | expected a finite number >= 0",
            "adam | amsgrad=2                 | expected true or false",
            "adam | decoupled=x               | expected true or false",
            "adam | momentum=0.9              | unknown option 'momentum' for adam" })
    void badOptionsGetOneLineMessages(String name, String keyValues, String expected) {
        RnnlabException e = assertThrows(RnnlabException.class, () -> configure(name, keyValues));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(name + ": ") || e.getMessage().contains(" for " + name),
                e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
