package org.rnnlab.cell.lstm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.cell.lstm.internal.Fixtures.assertClose;
import static org.rnnlab.reference.ReferenceCase.matrix;

import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.reference.ReferenceCase;
import org.rnnlab.reference.ReferenceSet;

/**
 * Forward and backward against PyTorch's float64 {@code nn.LSTM}, for every single-layer,
 * unidirectional LSTM case the reference set lists: outputs, h_n, c_n, the loss and the
 * gradients of every parameter, x, h0 and c0. Tolerances follow the set's README: forwards agree
 * to about 1e-12, gradients to about 1e-10 (error measure: {@link Fixtures#relativeError}).
 */
class ReferenceConformanceTest {
    private static final double FORWARD_TOLERANCE = 1e-12;
    private static final double GRADIENT_TOLERANCE = 1e-9;

    static Stream<Named<ReferenceCase>> lstmCases() {
        return ReferenceSet.standard().cases("rnn").stream()
                .filter(c -> "lstm".equals(c.at("mode").asText()))
                .filter(c -> c.at("num_layers").asInt() == 1 && !c.at("bidirectional").asBoolean())
                .map(c -> Named.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lstmCases")
    void matchesPyTorch(ReferenceCase reference) {
        int steps = reference.at("T").asInt();
        int batch = reference.at("B").asInt();
        int inputSize = reference.at("I").asInt();
        int hiddenSize = reference.at("H").asInt();
        int rows = steps * batch;
        Cell cell = Fixtures.cell(inputSize, hiddenSize);

        // PyTorch's layer-0 names carry the suffix _l0; [T][B][n] tensors flatten to time-major rows.
        DMatrixRMaj[] params = new DMatrixRMaj[cell.parameters().size()];
        for (int i = 0; i < params.length; i++) {
            ParameterSpec spec = cell.parameters().get(i);
            params[i] = matrix(reference.at("params", spec.name() + "_l0"), spec.rows(), spec.cols());
        }
        DMatrixRMaj x = matrix(reference.at("inputs", "x"), rows, inputSize);
        DMatrixRMaj[] initial = {matrix(reference.at("inputs", "h0"), batch, hiddenSize),
                matrix(reference.at("inputs", "c0"), batch, hiddenSize)};
        DMatrixRMaj g = matrix(reference.at("inputs", "G"), rows, hiddenSize);
        DMatrixRMaj[] initialBefore = {initial[0].copy(), initial[1].copy()};

        CellTrace trace = cell.newTrace(batch, steps);
        cell.forward(params, x, steps, initial, trace);

        assertClose(matrix(reference.at("outputs", "output"), rows, hiddenSize), trace.outputs(), FORWARD_TOLERANCE,
                "output");
        assertClose(matrix(reference.at("outputs", "h_n"), batch, hiddenSize), trace.finalState()[0],
                FORWARD_TOLERANCE, "h_n");
        assertClose(matrix(reference.at("outputs", "c_n"), batch, hiddenSize), trace.finalState()[1],
                FORWARD_TOLERANCE, "c_n");
        double loss = Fixtures.dot(trace.outputs(), g, rows * hiddenSize);
        double expectedLoss = reference.at("outputs", "loss").asDouble();
        double lossError = Math.abs(loss - expectedLoss) / Math.max(1, Math.abs(expectedLoss));
        assertTrue(lossError <= FORWARD_TOLERANCE, "loss " + loss + " vs " + expectedLoss);
        assertArrayEquals(initialBefore[0].data, initial[0].data, "forward must not write h0");
        assertArrayEquals(initialBefore[1].data, initial[1].data, "forward must not write c0");

        DMatrixRMaj[] gradParams = Fixtures.zeros(cell.parameters());
        DMatrixRMaj gradX = new DMatrixRMaj(rows, inputSize);
        DMatrixRMaj[] gradInitial = Fixtures.zeroStates(cell, batch);
        cell.backward(params, trace, g, null, gradParams, gradX, gradInitial);

        for (int i = 0; i < params.length; i++) {
            ParameterSpec spec = cell.parameters().get(i);
            assertClose(matrix(reference.at("grads", spec.name() + "_l0"), spec.rows(), spec.cols()), gradParams[i],
                    GRADIENT_TOLERANCE, "d" + spec.name());
        }
        assertClose(matrix(reference.at("grads", "x"), rows, inputSize), gradX, GRADIENT_TOLERANCE, "dx");
        assertClose(matrix(reference.at("grads", "h0"), batch, hiddenSize), gradInitial[0], GRADIENT_TOLERANCE,
                "dh0");
        assertClose(matrix(reference.at("grads", "c0"), batch, hiddenSize), gradInitial[1], GRADIENT_TOLERANCE,
                "dc0");
    }
}
