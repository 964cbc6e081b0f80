package org.rnnlab.cell.gru.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.cell.gru.internal.Fixtures.assertClose;
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
 * Forward and backward against PyTorch's float64 {@code nn.GRU}, for every single-layer,
 * unidirectional GRU case the reference set lists: outputs, h_n, the loss and the gradients of
 * every parameter, x and h0. Tolerances follow the set's README: forwards agree to about 1e-12,
 * gradients to about 1e-10 (error measure: {@link Fixtures#relativeError}).
 */
class ReferenceConformanceTest {
    private static final double FORWARD_TOLERANCE = 1e-12;
    private static final double GRADIENT_TOLERANCE = 1e-9;

    static Stream<Named<ReferenceCase>> gruCases() {
        return ReferenceSet.standard().cases("rnn").stream()
                .filter(c -> "gru".equals(c.at("mode").asText()))
                .filter(c -> c.at("num_layers").asInt() == 1 && !c.at("bidirectional").asBoolean())
                .map(c -> Named.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gruCases")
    void matchesPyTorch(ReferenceCase reference) {
        int steps = reference.at("T").asInt();
        int batch = reference.at("B").asInt();
        int inputSize = reference.at("I").asInt();
        int hiddenSize = reference.at("H").asInt();
        int rows = steps * batch;
        Cell cell = Fixtures.cell("gru", inputSize, hiddenSize);

        // PyTorch's layer-0 names carry the suffix _l0; [T][B][n] tensors flatten to time-major rows.
        DMatrixRMaj[] params = new DMatrixRMaj[cell.parameters().size()];
        for (int i = 0; i < params.length; i++) {
            ParameterSpec spec = cell.parameters().get(i);
            params[i] = matrix(reference.at("params", spec.name() + "_l0"), spec.rows(), spec.cols());
        }
        DMatrixRMaj x = matrix(reference.at("inputs", "x"), rows, inputSize);
        DMatrixRMaj h0 = matrix(reference.at("inputs", "h0"), batch, hiddenSize);
        DMatrixRMaj g = matrix(reference.at("inputs", "G"), rows, hiddenSize);
        DMatrixRMaj h0Before = h0.copy();

        CellTrace trace = cell.newTrace(batch, steps);
        cell.forward(params, x, steps, new DMatrixRMaj[] {h0}, trace);

        assertClose(matrix(reference.at("outputs", "output"), rows, hiddenSize), trace.outputs(), FORWARD_TOLERANCE,
                "output");
        assertClose(matrix(reference.at("outputs", "h_n"), batch, hiddenSize), trace.finalState()[0],
                FORWARD_TOLERANCE, "h_n");
        double loss = Fixtures.dot(trace.outputs(), g, rows * hiddenSize);
        double expectedLoss = reference.at("outputs", "loss").asDouble();
        double lossError = Math.abs(loss - expectedLoss) / Math.max(1, Math.abs(expectedLoss));
        assertTrue(lossError <= FORWARD_TOLERANCE, "loss " + loss + " vs " + expectedLoss);
        assertArrayEquals(h0Before.data, h0.data, "forward must not write the initial state");

        DMatrixRMaj[] gradParams = Fixtures.zeros(cell.parameters());
        DMatrixRMaj gradX = new DMatrixRMaj(rows, inputSize);
        DMatrixRMaj gradH0 = new DMatrixRMaj(batch, hiddenSize);
        cell.backward(params, trace, g, null, gradParams, gradX, new DMatrixRMaj[] {gradH0});

        for (int i = 0; i < params.length; i++) {
            ParameterSpec spec = cell.parameters().get(i);
            assertClose(matrix(reference.at("grads", spec.name() + "_l0"), spec.rows(), spec.cols()), gradParams[i],
                    GRADIENT_TOLERANCE, "d" + spec.name());
        }
        assertClose(matrix(reference.at("grads", "x"), rows, inputSize), gradX, GRADIENT_TOLERANCE, "dx");
        assertClose(matrix(reference.at("grads", "h0"), batch, hiddenSize), gradH0, GRADIENT_TOLERANCE, "dh0");
    }
}
