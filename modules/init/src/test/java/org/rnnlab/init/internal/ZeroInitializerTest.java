package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

class ZeroInitializerTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "zero, '', 0", "constant, value=0.25, 0.25", "constant, value=-3, -3", "constant, value=0, 0" })
    void fillsExactlyTheConstant(String name, String options, double value) {
        ParameterSpec bias = ParameterSpec.of("bias_ih", 1, 12, ParameterRole.BIAS);
        DMatrixRMaj filled = Initializers.fill(Initializers.configure(name, options), bias, 1);
        for (double x : filled.data) {
            assertEquals(value, x);
        }
    }
}
