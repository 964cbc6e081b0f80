package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

class SpectralInitializerTest {
    /** Every (gate) block, dense or sparse, has the target spectral radius and its rows keep the asked entries. */
    @ParameterizedTest(name = "{0} on {1}x{2}, {3} gates: radius {4}, {5} nonzero per row")
    @CsvSource(delimiter = '|', value = {
            "''                          | 40  | 40 | 0 | 0.95 | 40",
            "radius=1.2                  | 40  | 40 | 0 | 1.2  | 40",
            "radius=0.5 sparsity=0.9     | 60  | 60 | 0 | 0.5  | 6",
            "radius=0.9 connectivity=0.1 | 60  | 60 | 0 | 0.9  | 6",
            "radius=1 sparsity=0.99      | 50  | 50 | 0 | 1    | 1",
            "radius=0.8 sparsity=0.5     | 100 | 25 | 4 | 0.8  | 13",
            "radius=0.3                  | 1   | 1  | 0 | 0.3  | 1" })
    void hitsTheTargetRadius(String options, int rows, int cols, int gates, double radius, int nonzeroPerRow) {
        List<String> names = List.of("i", "f", "g", "o").subList(0, gates);
        ParameterSpec spec = Initializers.spec("weight_hh", rows, cols, ParameterRole.RECURRENT_WEIGHTS, names);
        DMatrixRMaj w = Initializers.fill(Initializers.configure("spectral", options), spec, 7);
        for (int first = 0; first < rows; first += cols) {
            DMatrixRMaj block = new DMatrixRMaj(cols, cols);
            for (int r = 0; r < cols; r++) {
                int nonzero = 0;
                for (int c = 0; c < cols; c++) {
                    block.set(r, c, w.get(first + r, c));
                    nonzero += w.get(first + r, c) != 0 ? 1 : 0;
                }
                assertEquals(nonzeroPerRow, nonzero, "nonzero entries in row " + (first + r));
            }
            assertEquals(radius, largestEigenvalueMagnitude(block), 1e-9 * radius, "block at row " + first);
        }
    }

    /** Each gate block is its own random matrix, not a copy of the first. */
    @Test
    void gateBlocksAreIndependent() {
        ParameterSpec spec = Initializers.spec("weight_hh", 8, 4, ParameterRole.RECURRENT_WEIGHTS, List.of("a", "b"));
        DMatrixRMaj w = Initializers.fill(Initializers.configure("spectral", ""), spec, 3);
        assertTrue(w.get(0, 0) != w.get(4, 0));
    }

    private static double largestEigenvalueMagnitude(DMatrixRMaj matrix) {
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(matrix.numRows, false);
        assertTrue(eigen.decompose(matrix.copy()), "eigenvalues converge");
        double largest = 0;
        for (int i = 0; i < eigen.getNumberOfEigenvalues(); i++) {
            largest = Math.max(largest, eigen.getEigenvalue(i).getMagnitude());
        }
        return largest;
    }
}
