package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.init.internal.Initializers.assertOneLineError;
import static org.rnnlab.init.internal.Initializers.fill;
import static org.rnnlab.init.internal.Initializers.options;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;

class OrthogonalInitializerTest {
    private final OrthogonalInitializer orthogonal = new OrthogonalInitializer();

    /** Every gate block has orthonormal columns (tall or square) or rows (wide), times the gain. */
    @ParameterizedTest(name = "{0}x{1}, {2} gates, gain {3}")
    @CsvSource({
            "6, 6, 0, 1", "9, 4, 0, 1", "3, 7, 0, 1", "1, 5, 0, 1",
            "24, 6, 4, 1", "24, 4, 4, 1", "12, 7, 3, 1", "18, 6, 3, 0.5", "8, 8, 0, 2" })
    void everyGateBlockIsOrthogonal(int rows, int cols, int gates, double gain) {
        List<String> names = List.of("a", "b", "c", "d").subList(0, gates);
        ParameterSpec spec = new ParameterSpec("w", rows, cols, ParameterRole.RECURRENT_WEIGHTS, names, true);
        DMatrixRMaj w = fill(orthogonal.configure(options("orthogonal", "gain=" + gain)), spec, 17);
        int blockRows = spec.gateRows();
        for (int first = 0; first < rows; first += blockRows) {
            assertTrue(distanceFromScaledIdentity(gram(w, first, blockRows, cols), gain * gain) < 1e-12,
                    "block at row " + first);
        }
    }

    /**
     * Haar-uniform orthogonal matrices have E[W00] = 0 and Var[W00] = 1/n. Without the sign
     * correction the QR algorithm's sign convention biases W00 by about -0.45 for n = 4.
     */
    @Test
    void signCorrectionMakesTheDistributionUniform() {
        int n = 4;
        int draws = 2000;
        ParameterSpec spec = ParameterSpec.of("weight_hh", n, n, ParameterRole.RECURRENT_WEIGHTS);
        Initialization init = orthogonal.configure(Options.empty());
        double sum = 0;
        for (int seed = 0; seed < draws; seed++) {
            sum += fill(init, spec, seed).get(0, 0);
        }
        assertEquals(0, sum / draws, 5 * Math.sqrt(1.0 / n / draws));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "0", "x" })
    void badGainIsRejected(String gain) {
        assertOneLineError("gain=" + gain, () -> orthogonal.configure(options("orthogonal", "gain=" + gain)));
    }

    /** B^T B for a block with at least as many rows as columns, B B^T otherwise. */
    private static DMatrixRMaj gram(DMatrixRMaj w, int firstRow, int rows, int cols) {
        boolean wide = rows < cols;
        int n = wide ? rows : cols;
        int inner = wide ? cols : rows;
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < inner; k++) {
                    dot += wide ? w.get(firstRow + i, k) * w.get(firstRow + j, k)
                            : w.get(firstRow + k, i) * w.get(firstRow + k, j);
                }
                gram.set(i, j, dot);
            }
        }
        return gram;
    }

    private static double distanceFromScaledIdentity(DMatrixRMaj gram, double scale) {
        double max = 0;
        for (int i = 0; i < gram.numRows; i++) {
            for (int j = 0; j < gram.numCols; j++) {
                max = Math.max(max, Math.abs(gram.get(i, j) - (i == j ? scale : 0)));
            }
        }
        return max;
    }
}
