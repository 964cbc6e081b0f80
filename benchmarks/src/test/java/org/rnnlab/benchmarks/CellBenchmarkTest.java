package org.rnnlab.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Proves the wiring of {@link CellBenchmark}: each benchmarked cell is found by name and one
 * forward + backward runs at a small size. Measures nothing and asserts no speed.
 */
class CellBenchmarkTest {

    /** The cells the benchmark declares in its {@code @Param}, so the two never drift apart. */
    static Stream<String> cells() throws NoSuchFieldException {
        return Arrays.stream(CellBenchmark.class.getField("cell").getAnnotation(Param.class).value());
    }

    @ParameterizedTest
    @MethodSource("cells")
    void oneWindowRunsForwardAndBackward(String cell) {
        CellBenchmark benchmark = new CellBenchmark();
        benchmark.cell = cell;
        benchmark.hidden = 8;
        benchmark.setUp();

        DMatrixRMaj hiddenGradients = benchmark.forwardBackward();

        assertEquals(CellBenchmark.STEPS, benchmark.trace().steps());
        assertFinite(benchmark.trace().outputs(), cell + " outputs");
        assertFinite(hiddenGradients, cell + " hidden gradients");
        for (DMatrixRMaj grad : benchmark.gradParams()) {
            assertFinite(grad, cell + " parameter gradient");
            assertTrue(Arrays.stream(grad.data).anyMatch(v -> v != 0), cell + ": a parameter gradient is all zero");
        }
    }

    private static void assertFinite(DMatrixRMaj m, String what) {
        assertTrue(Arrays.stream(m.data).allMatch(Double::isFinite), what + " are not all finite");
    }
}
