package org.rnnlab.cell.esn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.testkit.CellMatrices;

/** Cell.initialize builds the reservoir its options describe, from the run's generator alone. */
class ReservoirTest {
    private static final int W_IN = 0;
    private static final int W = 1;
    private static final int B = 2;

    private static DMatrixRMaj[] built(Cell cell, long seed) {
        DMatrixRMaj[] params = CellMatrices.randomParameters(cell, 3, new Xoshiro256(99));
        cell.initialize(params, new Xoshiro256(seed));
        return params;
    }

    /** The largest |eigenvalue|, computed here independently of the cell. */
    private static double spectralRadius(DMatrixRMaj w) {
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(w.numRows, false);
        assertTrue(eigen.decompose(w.copy()));
        double largest = 0;
        for (int i = 0; i < eigen.getNumberOfEigenvalues(); i++) {
            largest = Math.max(largest, eigen.getEigenvalue(i).getMagnitude());
        }
        return largest;
    }

    @ParameterizedTest(name = "radius {0}")
    @CsvSource({"0.9", "0.5", "1.25"})
    void recurrentWeightsHaveTheTargetSpectralRadiusAndReportIt(double radius) {
        Cell cell = Fixtures.cell(2, 60, Map.of("radius", String.valueOf(radius)));
        DMatrixRMaj[] params = CellMatrices.zeroParameters(cell);

        Map<String, String> facts = cell.initialize(params, new Xoshiro256(4));

        double measured = spectralRadius(params[W]);
        assertEquals(radius, measured, 1e-9);
        assertEquals(Map.of("spectral radius", String.format(Locale.ROOT, "%.6f", radius)), facts);
    }

    /** Every row keeps round(connectivity · n) nonzero entries: 5 of 50 by default. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"sparsity, 0.9, 5", "sparsity, 0.8, 10", "connectivity, 0.5, 25", "connectivity, 0.001, 1"})
    void sparsityIsTheFractionOfZerosInEveryRow(String key, String value, int kept) {
        DMatrixRMaj w = built(Fixtures.cell(1, 50, Map.of(key, value)), 7)[W];
        for (int r = 0; r < 50; r++) {
            int nonzero = 0;
            for (int c = 0; c < 50; c++) {
                nonzero += w.get(r, c) != 0 ? 1 : 0;
            }
            assertEquals(kept, nonzero, "row " + r);
        }
    }

    @Test
    void inputWeightsAndBiasAreUniformInTheirScaledRanges() {
        DMatrixRMaj[] params = built(Fixtures.cell(8, 100, Map.of("input_scaling", "0.3", "bias_scaling", "0.05")), 2);
        assertWithin(params[W_IN], 0.3);
        assertWithin(params[B], 0.05);
    }

    @Test
    void defaultBiasIsZero() {
        DMatrixRMaj bias = built(Fixtures.cell(3, 20, Map.of()), 2)[B];
        assertArrayEquals(new double[20], bias.data);
    }

    /** All values in (−s, s), and spread over the range: the extremes come near ±s. */
    private static void assertWithin(DMatrixRMaj m, double scale) {
        double min = Arrays.stream(m.data).min().orElseThrow();
        double max = Arrays.stream(m.data).max().orElseThrow();
        assertTrue(min >= -scale && max < scale, "range [" + min + ", " + max + "]");
        assertTrue(min < -0.9 * scale && max > 0.9 * scale, "range [" + min + ", " + max + "]");
    }

    @Test
    void sameGeneratorStateSameReservoirWhateverTheInitializersWrote() {
        Cell cell = Fixtures.cell(3, 30, Map.of("bias_scaling", "1"));
        DMatrixRMaj[] zeros = CellMatrices.zeroParameters(cell);
        cell.initialize(zeros, new Xoshiro256(11));
        DMatrixRMaj[] random = built(cell, 11);
        DMatrixRMaj[] other = built(cell, 12);
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(zeros[p].data, random[p].data, cell.parameters().get(p).name());
            assertFalse(Arrays.equals(zeros[p].data, other[p].data), cell.parameters().get(p).name());
        }
    }
}
