package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

class IdentityInitializerTest {
    /** Exactly scale on the diagonal of each gate block's leading square, exactly 0 elsewhere. */
    @ParameterizedTest(name = "{0}x{1}, {2} gates, scale {3}")
    @CsvSource({ "5, 5, 0, 1", "6, 4, 0, 1", "3, 7, 0, 0.5", "20, 5, 4, 1", "12, 7, 3, 2", "24, 3, 4, 0.01" })
    void scaledIdentityPerGateBlock(int rows, int cols, int gates, double scale) {
        List<String> names = List.of("a", "b", "c", "d").subList(0, gates);
        ParameterSpec spec = Initializers.spec("weight_hh", rows, cols, ParameterRole.RECURRENT_WEIGHTS, names);
        DMatrixRMaj w = Initializers.fill(Initializers.configure("identity", "scale=" + scale), spec, 1);
        int blockRows = gates == 0 ? rows : rows / gates;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(r % blockRows == c ? scale : 0.0, w.get(r, c), "(" + r + ", " + c + ")");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({ "''", "scale=1" })
    void defaultScaleIsOne(String options) {
        ParameterSpec spec = Initializers.spec("weight_hh", 3, 3, ParameterRole.RECURRENT_WEIGHTS, List.of());
        DMatrixRMaj w = Initializers.fill(Initializers.configure("identity", options), spec, 1);
        assertEquals(new DMatrixRMaj(new double[][] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }).toString(), w.toString());
    }
}
