package org.rnnlab.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.backend.MatrixBackend;

/** The two backends that are always present: java (register-blocked) and ejml (EJML's products). */
class GemmBackendsTest {
    private static MatrixBackend backend(String name) {
        return name.equals("java") ? JavaGemm.INSTANCE : EjmlGemm.INSTANCE;
    }

    /** Every transpose combination, odd sizes (to hit the tiles' edges), alpha and beta, against EJML's plain product. */
    @ParameterizedTest
    @CsvSource({ "java,false,false", "java,false,true", "java,true,false", "java,true,true",
            "ejml,false,false", "ejml,false,true", "ejml,true,false", "ejml,true,true" })
    void agreesWithTheDefinition(String name, boolean transA, boolean transB) {
        java.util.Random rng = new java.util.Random(7);
        int m = 7, n = 9, k = 5;
        DMatrixRMaj a = transA ? RandomMatrices_DDRM.rectangle(k, m, -1, 1, rng) : RandomMatrices_DDRM.rectangle(m, k, -1, 1, rng);
        DMatrixRMaj b = transB ? RandomMatrices_DDRM.rectangle(n, k, -1, 1, rng) : RandomMatrices_DDRM.rectangle(k, n, -1, 1, rng);
        DMatrixRMaj c = RandomMatrices_DDRM.rectangle(m, n, -1, 1, rng);
        DMatrixRMaj expected = c.copy();
        CommonOps_DDRM.scale(0.5, expected);
        DMatrixRMaj product = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(transA ? CommonOps_DDRM.transpose(a, null) : a, transB ? CommonOps_DDRM.transpose(b, null) : b, product);
        CommonOps_DDRM.addEquals(expected, 1.5, product);

        backend(name).gemm(transA, transB, 1.5, a, b, 0.5, c);

        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], c.data[i], 1e-13);
        }
    }

    /** Offsets and leading dimensions select a block of rows inside a larger matrix. */
    @ParameterizedTest
    @CsvSource({ "java", "ejml" })
    void multipliesABlockOfRowsInPlace(String name) {
        java.util.Random rng = new java.util.Random(3);
        DMatrixRMaj window = RandomMatrices_DDRM.rectangle(6, 4, -1, 1, rng); // 3 steps x 2 rows
        DMatrixRMaj w = RandomMatrices_DDRM.rectangle(5, 4, -1, 1, rng);
        DMatrixRMaj out = new DMatrixRMaj(6, 5);
        out.fill(Double.NaN); // beta = 0 must never read C
        for (int t = 0; t < 3; t++) {
            backend(name).gemm(false, true, 2, 5, 4, 1.0, window.data, t * 8, 4, w.data, 0, 4, 0.0, out.data, t * 10, 5);
        }
        DMatrixRMaj expected = new DMatrixRMaj(6, 5);
        CommonOps_DDRM.multTransB(window, w, expected);
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], out.data[i], 1e-13);
        }
    }
}
