package org.rnnlab.backend.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.backend.BlasOperands;
import org.rnnlab.core.backend.JavaGemm;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;

/**
 * The product two threads split from dW_hh = dA' h: one thread's rows of C are a block of dA's
 * columns that starts right of column 0 and runs to dA's last row. A window matrix made with
 * {@link BlasOperands#withSpareRow} reaches the BLAS as it is; a matrix of exactly its size is
 * copied first (netlib's bounds check), which is what the spare row is for.
 */
class ColumnBlockTest {
    private static final int ROWS = NetlibGemm.TRANSPOSED_DEPTH + 45;
    private static final int GATES = 24;
    private static final int HIDDEN = 6;
    private static final int FIRST = 12;
    private static final int WIDTH = 12;

    @Test
    void aSpareRowLetsTheBlasReadTheLastColumnBlockInPlace() {
        DMatrixRMaj gradients = BlasOperands.withSpareRow(ROWS, GATES);
        assertEquals(ROWS, gradients.numRows);
        assertEquals(GATES, gradients.numCols);
        assertEquals((ROWS + 1) * GATES, gradients.data.length);
        assertTrue(multiplyLastBlock(gradients).contains(gradients.data), "the block should be read in place");
    }

    @Test
    void aMatrixOfExactlyItsSizeIsCopiedFirst() {
        DMatrixRMaj gradients = new DMatrixRMaj(ROWS, GATES);
        assertFalse(multiplyLastBlock(gradients).contains(gradients.data), "netlib refuses this block in place");
    }

    /**
     * Fills the gradients, multiplies C = block' h (the block: columns [FIRST, FIRST + WIDTH) of
     * rows 1.. of the gradients, h: rows 0..ROWS-2 of a hidden-wide matrix) through NetlibGemm,
     * checks C against the plain-Java kernel and returns the arrays the BLAS was handed.
     */
    private static Set<double[]> multiplyLastBlock(DMatrixRMaj gradients) {
        Random random = new Random(7);
        for (int i = 0; i < gradients.getNumElements(); i++) {
            gradients.data[i] = random.nextGaussian();
        }
        double[] hidden = random.doubles(ROWS * HIDDEN).toArray();
        Set<double[]> handed = Collections.newSetFromMap(new IdentityHashMap<>());
        double[] product = new double[WIDTH * HIDDEN];
        int k = ROWS - 1;
        new NetlibGemm(recording(handed)).gemm(true, false, WIDTH, HIDDEN, k, 1, gradients.data, GATES + FIRST,
                GATES, hidden, 0, HIDDEN, 0, product, 0, HIDDEN);
        double[] expected = new double[WIDTH * HIDDEN];
        JavaGemm.INSTANCE.gemm(true, false, WIDTH, HIDDEN, k, 1, gradients.data, GATES + FIRST, GATES, hidden, 0,
                HIDDEN, 0, expected, 0, HIDDEN);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], product[i], 1e-12 * k, "element " + i);
        }
        return handed;
    }

    /** netlib's pure-Java BLAS, noting every array its dgemm is given. */
    private static BLAS recording(Set<double[]> handed) {
        BLAS blas = JavaBLAS.getInstance();
        return (BLAS) Proxy.newProxyInstance(BLAS.class.getClassLoader(), new Class<?>[] { BLAS.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("dgemm")) {
                        for (Object arg : args) {
                            if (arg instanceof double[] array) {
                                handed.add(array);
                            }
                        }
                    }
                    try {
                        return method.invoke(blas, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
