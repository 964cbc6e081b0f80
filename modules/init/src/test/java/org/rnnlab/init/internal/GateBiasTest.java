package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.init.internal.Initializers.GRU_GATES;
import static org.rnnlab.init.internal.Initializers.LSTM_GATES;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

/** forget-bias and chrono set exactly the rows of their gates and zero every other. */
class GateBiasTest {
    private static final int H = 50;

    private static ParameterSpec bias(String name, List<String> gates) {
        return Initializers.spec(name, 1, gates.size() * H, ParameterRole.BIAS, gates);
    }

    /** The value of element j of gate block k. */
    private static double at(DMatrixRMaj bias, int gate, int j) {
        return bias.data[gate * H + j];
    }

    @ParameterizedTest
    @CsvSource({ "'', 1", "value=2.5, 2.5", "value=-1, -1", "value=0, 0" })
    void forgetBiasSetsTheForgetGateOnly(String options, double value) {
        DMatrixRMaj b = Initializers.fill(Initializers.configure("forget-bias", options), bias("bias_ih", LSTM_GATES), 1);
        for (int j = 0; j < H; j++) {
            assertEquals(0.0, at(b, 0, j), "i");
            assertEquals(value, at(b, 1, j), "f");
            assertEquals(0.0, at(b, 2, j), "g");
            assertEquals(0.0, at(b, 3, j), "o");
        }
    }

    /** A bias in the forget gate's row block works too (an n x 1 column). */
    @Test
    void forgetBiasOnAColumnBias() {
        ParameterSpec column = Initializers.spec("bias", 4 * H, 1, ParameterRole.BIAS, LSTM_GATES);
        DMatrixRMaj b = Initializers.fill(Initializers.configure("forget-bias", ""), column, 1);
        for (int r = 0; r < 4 * H; r++) {
            assertEquals(r >= H && r < 2 * H ? 1.0 : 0.0, b.get(r, 0));
        }
    }

    /** PyTorch adds bias_hh to bias_ih: the second gets zeros, so the sum holds each value once. */
    @ParameterizedTest
    @CsvSource({ "forget-bias, ''", "chrono, tmax=100" })
    void theSecondOfTwoAddedBiasesIsZero(String name, String options) {
        DMatrixRMaj b = Initializers.fill(Initializers.configure(name, options), bias("bias_hh", LSTM_GATES), 1);
        for (double x : b.data) {
            assertEquals(0.0, x);
        }
    }

    /** b_f = log(u) with u in [1, T_max - 1), b_i = -b_f exactly, g and o 0; u uniform. */
    @ParameterizedTest
    @ValueSource(doubles = { 3, 10, 784 })
    void chronoOnAnLstmBias(double tmax) {
        int units = 40 * H;
        ParameterSpec spec = Initializers.spec("bias", 1, 4 * units, ParameterRole.BIAS, LSTM_GATES);
        DMatrixRMaj b = Initializers.fill(Initializers.configure("chrono", "tmax=" + tmax), spec, 2);
        double sum = 0;
        for (int j = 0; j < units; j++) {
            double forget = b.data[units + j];
            assertTrue(forget >= 0 && forget < Math.log(tmax - 1), "b_f = " + forget);
            assertEquals(-forget, b.data[j], "b_i = -b_f");
            assertEquals(0.0, b.data[2 * units + j], "g");
            assertEquals(0.0, b.data[3 * units + j], "o");
            sum += Math.exp(forget);
        }
        // exp(b_f) ~ U[1, T_max - 1]: mean T_max / 2, variance (T_max - 2)^2 / 12.
        assertEquals(tmax / 2, sum / units, 5 * (tmax - 2) / Math.sqrt(12.0 * units));
    }

    /** PyTorch's GRU keeps z * h_{t-1}: b_z = log(u), r and n 0. */
    @Test
    void chronoOnAGruBias() {
        DMatrixRMaj b = Initializers.fill(Initializers.configure("chrono", "tmax=20"), bias("bias_ih", GRU_GATES), 4);
        for (int j = 0; j < H; j++) {
            assertEquals(0.0, at(b, 0, j), "r");
            assertTrue(at(b, 1, j) >= 0 && at(b, 1, j) < Math.log(19), "z");
            assertEquals(0.0, at(b, 2, j), "n");
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            "forget-bias | r z n   | bias    | forget-bias: bias_ih has gates r, z, n; it needs a forget gate f",
            "forget-bias | ''      | bias    | forget-bias: bias_ih has no gates; it needs a forget gate f",
            "chrono      | ''      | bias    | chrono: bias_ih has no gates; it needs an LSTM's gates i and f or a GRU's gate z",
            "chrono      | f g o   | bias    | chrono: bias_ih has gates f, g, o; it needs",
            "forget-bias | i f g o | recurrent | forget-bias: bias_ih has role recurrent; forget-bias sets a cell's gate biases, use it as init.bias=forget-bias",
            "chrono      | i f g o | output-bias | chrono: bias_ih has role output-bias; chrono sets a cell's gate biases" })
    void parametersWithoutTheirGatesAreRefused(String name, String gates, String role, String expected) {
        List<String> names = gates.isBlank() ? List.of() : List.of(gates.split(" "));
        ParameterRole parameterRole = java.util.Arrays.stream(ParameterRole.values()).filter(r -> r.key().equals(role))
                .findFirst().orElseThrow();
        ParameterSpec spec = Initializers.spec("bias_ih", 1, Math.max(1, names.size()) * H, parameterRole, names);
        String options = name.equals("chrono") ? "tmax=10" : "";
        Initializers.assertOneLineError(expected, () -> Initializers.fill(Initializers.configure(name, options), spec, 1));
    }
}
