package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.init.internal.InitializerContractTest.assertOneLineError;
import static org.rnnlab.init.internal.InitializerContractTest.options;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

class ZeroInitializerTest {
    @Test
    void fillsExactZeros() {
        ParameterSpec bias = ParameterSpec.of("bias_ih", 1, 12, ParameterRole.BIAS);
        DMatrixRMaj filled = InitializerContractTest.fill(new ZeroInitializer().configure(Options.empty()), bias, 1);
        for (double value : filled.data) {
            assertEquals(0.0, value);
        }
    }

    @Test
    void acceptsNoOptions() {
        assertOneLineError("accepted: none", () -> new ZeroInitializer().configure(options("zero", "gain", "1")));
    }
}
