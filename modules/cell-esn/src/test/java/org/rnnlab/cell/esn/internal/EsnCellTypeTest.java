package org.rnnlab.cell.esn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.cell.rnn.internal.RnnTanhCellType;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.testkit.CellMatrices;

/** The reservoir's declared shape, its equations against rnn-tanh and by hand, and its options. */
class EsnCellTypeTest {
    @Test
    void declaresThreeFrozenParametersAndOneState() {
        Cell cell = Fixtures.cell(3, 4, Map.of());
        assertEquals(List.of(
                new ParameterSpec("weight_ih", 4, 3, ParameterRole.INPUT_WEIGHTS, List.of(), false),
                new ParameterSpec("weight_hh", 4, 4, ParameterRole.RECURRENT_WEIGHTS, List.of(), false),
                new ParameterSpec("bias", 1, 4, ParameterRole.BIAS, List.of(), false)), cell.parameters());
        assertEquals(1, cell.stateSize());
    }

    /** At leak 1 the reservoir is rnn-tanh with bias_ih = b and bias_hh = 0, to the last bit. */
    @Test
    void leakOneIsATanhElmanStepWithOneBias() {
        Xoshiro256 random = new Xoshiro256(5);
        Cell esn = Fixtures.cell(3, 6, Map.of("bias_scaling", "0.5"));
        DMatrixRMaj[] params = CellMatrices.zeroParameters(esn);
        esn.initialize(params, random);
        Cell rnn = new RnnTanhCellType().create(new CellSpec(3, 6, Options.of("rnn-tanh", Map.of()), JavaGemm.INSTANCE));
        DMatrixRMaj[] elman = {params[0], params[1], params[2], new DMatrixRMaj(1, 6)};
        DMatrixRMaj inputs = CellMatrices.gaussian(8 * 2, 3, 1, random);
        DMatrixRMaj[] initial = CellMatrices.randomStates(esn, 2, 0.5, random);

        CellTrace esnTrace = esn.newTrace(2, 8);
        CellTrace rnnTrace = rnn.newTrace(2, 8);
        esn.forward(params, inputs, 8, initial, esnTrace);
        rnn.forward(elman, inputs, 8, initial, rnnTrace);

        CellMatrices.assertSame(rnnTrace.outputs(), esnTrace.outputs(), "outputs");
    }

    /** h_1 = (1 − a) h_0 + a tanh(W_in x_1 + W h_0 + b), element by element. */
    @Test
    void leakyStepFollowsTheEquation() {
        Xoshiro256 random = new Xoshiro256(6);
        Cell cell = Fixtures.cell(2, 3, Map.of("leak", "0.3"));
        DMatrixRMaj[] p = CellMatrices.randomParameters(cell, 1, random);
        DMatrixRMaj x = CellMatrices.gaussian(1, 2, 1, random);
        DMatrixRMaj h0 = CellMatrices.gaussian(1, 3, 1, random);
        CellTrace trace = cell.newTrace(1, 1);

        cell.forward(p, x, 1, new DMatrixRMaj[] {h0}, trace);

        for (int i = 0; i < 3; i++) {
            double a = p[2].get(0, i);
            for (int j = 0; j < 2; j++) {
                a += p[0].get(i, j) * x.get(0, j);
            }
            for (int j = 0; j < 3; j++) {
                a += p[1].get(i, j) * h0.get(0, j);
            }
            assertEquals(0.7 * h0.get(0, i) + 0.3 * Math.tanh(a), trace.outputs().get(0, i), 1e-15);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "radius=0 | esn: radius=0 is not accepted; expected a number > 0",
            "leak=0 | esn: leak=0 is not accepted; expected a number in (0, 1]",
            "leak=1.5 | esn: leak=1.5 is not accepted; expected a number in (0, 1]",
            "sparsity=1 | esn: sparsity=1 is not accepted; expected a number in [0, 1)",
            "connectivity=0 | esn: connectivity=0 is not accepted; expected a number in (0, 1]",
            "input_scaling=-1 | esn: input_scaling=-1 is not accepted; expected a finite number >= 0",
            "bias_scaling=lots | esn: bias_scaling=lots is not accepted; expected a number",
            "washout=100 | unknown option 'washout' for esn; accepted: bias_scaling, connectivity, input_scaling,"
                    + " leak, radius, sparsity"})
    void badOptionsGiveOneLineErrors(String option, String message) {
        String[] pair = option.split("=");
        RnnlabException error = assertThrows(RnnlabException.class,
                () -> Fixtures.cell(1, 4, Map.of(pair[0], pair[1])));
        assertEquals(message, error.getMessage());
    }

    @Test
    void sparsityAndConnectivityTogetherAreRefused() {
        RnnlabException error = assertThrows(RnnlabException.class,
                () -> Fixtures.cell(1, 4, Map.of("sparsity", "0.9", "connectivity", "0.1")));
        assertEquals("esn: sparsity=0.9 and connectivity=0.1 say the same thing twice; give one of them",
                error.getMessage());
    }
}
