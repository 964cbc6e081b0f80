package org.rnnlab.init.internal;

import static org.rnnlab.init.internal.Initializers.assertOneLineError;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

/** Bad options get a one-line RnnlabException naming the initializer, the option and what is accepted. */
class BadOptionsTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "xavier-uniform | gain=-1                  | xavier-uniform: gain=-1 is not accepted; expected a number > 0",
            "xavier-uniform | gain=x                   | xavier-uniform: gain=x is not accepted",
            "xavier-normal  | gain=0                   | xavier-normal: gain=0 is not accepted; expected a number > 0",
            "he-uniform     | gain=-1                  | he-uniform: gain=-1 is not accepted; expected a number > 0",
            "he-normal      | gain=Infinity            | he-normal: gain=Infinity is not accepted; expected a finite number > 0",
            "he-normal      | mode=fan_avg             | he-normal: mode=fan_avg is not accepted; expected one of fan_in, fan_out",
            "lecun-normal   | gain=-1                  | lecun-normal: gain=-1 is not accepted",
            "lecun-normal   | mode=fan_out             | unknown option 'mode' for lecun-normal; accepted: gain",
            "xavier-uniform | mode=fan_in              | unknown option 'mode' for xavier-uniform; accepted: gain",
            "orthogonal     | gain=-1                  | orthogonal: gain=-1 is not accepted; expected a number > 0",
            "normal         | std=x                    | normal: std=x is not accepted; expected a number",
            "normal         | std=0                    | normal: std=0 is not accepted; expected a number > 0",
            "normal         | mean=Infinity            | normal: mean=Infinity is not accepted; expected a finite number",
            "normal         | sigma=1                  | unknown option 'sigma' for normal; accepted: mean, std",
            "uniform        | a=1 b=0                  | uniform: b=0 is not accepted; expected a number > a (a=1.0)",
            "uniform        | a=2                      | uniform: b=1 is not accepted; expected a number > a (a=2.0)",
            "uniform        | a=-1e308 b=1e308         | uniform: b=1e308 is not accepted; expected a number > a (a=-1.0E308) with b - a finite",
            "uniform        | bound=1e308              | uniform: bound=1e308 is not accepted; expected a number > 0 whose double is finite",
            "uniform        | a=x                      | uniform: a=x is not accepted; expected a finite number",
            "uniform        | bound=0                  | uniform: bound=0 is not accepted; expected a number > 0",
            "uniform        | bound=0.5 a=-1           | uniform: bound=0.5 is not accepted; expected no a or b beside it",
            "constant       | ''                       | constant: value is required; expected a finite number, e.g. value=0.1",
            "constant       | value=NaN                | constant: value=NaN is not accepted; expected a finite number",
            "constant       | value=one                | constant: value=one is not accepted; expected a finite number",
            "zero           | value=0                  | unknown option 'value' for zero; accepted: none",
            "identity       | scale=x                  | identity: scale=x is not accepted",
            "identity       | scale=-1                 | identity: scale=-1 is not accepted; expected a number > 0",
            "identity       | gain=2                   | unknown option 'gain' for identity; accepted: scale",
            "spectral       | radius=0                 | spectral: radius=0 is not accepted; expected a number > 0",
            "spectral       | radius=-0.9              | spectral: radius=-0.9 is not accepted; expected a number > 0",
            "spectral       | sparsity=1.5             | spectral: sparsity=1.5 is not accepted; expected a number in [0, 1)",
            "spectral       | sparsity=1               | spectral: sparsity=1 is not accepted; expected a number in [0, 1)",
            "spectral       | sparsity=-0.1            | expected a number in [0, 1)",
            "spectral       | connectivity=0           | spectral: connectivity=0 is not accepted; expected a number in (0, 1]",
            "spectral       | connectivity=1.5         | expected a number in (0, 1]",
            "spectral       | sparsity=0.9 connectivity=0.1 | spectral: sparsity=0.9 and connectivity=0.1 say the same thing twice; give one of them",
            "spectral       | gain=1                   | unknown option 'gain' for spectral; accepted: connectivity, radius, sparsity",
            "forget-bias    | value=x                  | forget-bias: value=x is not accepted; expected a finite number",
            "forget-bias    | bias=1                   | unknown option 'bias' for forget-bias; accepted: value",
            "chrono         | ''                       | chrono: tmax is required; expected a number > 2, the longest dependency in time steps",
            "chrono         | tmax=2                   | chrono: tmax=2 is not accepted; expected a number > 2",
            "chrono         | tmax=x                   | chrono: tmax=x is not accepted; expected a number > 2",
            "chrono         | tmax=Infinity            | chrono: tmax=Infinity is not accepted; expected a number > 2",
            "chrono         | T_max=100                | unknown option 'T_max' for chrono; accepted: tmax" })
    void badOptionIsRejectedInOneLine(String name, String options, String expected) {
        assertOneLineError(expected, () -> Initializers.configure(name, options));
    }

    /** Shapes a spectral radius cannot be defined on are refused when the run fills them. */
    @ParameterizedTest(name = "{0}x{1}, {2} gates")
    @CsvSource({ "6, 4, 0, 'spectral: weight_ih has 6x4 blocks, but a spectral radius needs square ones'",
            "24, 4, 4, 'spectral: weight_ih has 6x4 gate blocks, but a spectral radius needs square ones'" })
    void spectralRefusesNonSquareBlocks(int rows, int cols, int gates, String expected) {
        ParameterSpec spec = Initializers.spec("weight_ih", rows, cols, ParameterRole.INPUT_WEIGHTS,
                List.of("i", "f", "g", "o").subList(0, gates));
        assertOneLineError(expected, () -> Initializers.fill(Initializers.configure("spectral", ""), spec, 1));
    }
}
