package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.backend.FloatGemm;
import org.rnnlab.api.backend.PreparedOperand;
import org.rnnlab.core.backend.JavaGemm;

/** precision=single's products: float32 operands, float64 sums, parameter copies kept per pass. */
class SinglePrecisionGemmTest {
    @ParameterizedTest
    @CsvSource({"false,false,0", "false,true,0", "true,false,0", "true,true,0", "false,false,1", "true,true,0.5"})
    void productsAreTheFloat64ProductsOfTheRoundedOperands(boolean transA, boolean transB, double beta) {
        int m = 13;
        int n = 21;
        int k = 17;
        Random random = new Random(3);
        double[] a = random.doubles(3 + m * k + 5).map(x -> x - 0.5).toArray();
        double[] b = random.doubles(2 + k * n + 4).map(x -> x - 0.5).toArray();
        double[] c = random.doubles(1 + m * (n + 2)).toArray();
        double[] expected = c.clone();
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, 1, rounded(a), 3, lda, rounded(b), 2, ldb, beta, expected, 1,
                n + 2);
        new SinglePrecisionGemm(FloatTripleLoop.INSTANCE).gemm(transA, transB, m, n, k, 1, a, 3, lda, b, 2, ldb, beta,
                c, 1, n + 2);
        for (int i = 0; i < c.length; i++) {
            // float32 products and sums inside sgemm; beta * C and the final add in float64
            assertEquals(expected[i], c[i], 1e-5 * (1 + Math.abs(expected[i])), "element " + i);
        }
        assertEquals(expected[0], c[0], 0.0, "outside C's rows nothing is touched");
    }

    @Test
    void aSumOfProductsAccumulatesInFloat64() {
        // C += A B many times: a float32 C would stop growing at 2^24 * ulp; a float64 C keeps every unit.
        double[] a = {1};
        double[] b = {1};
        double[] c = {1 << 24};
        SinglePrecisionGemm single = new SinglePrecisionGemm(FloatTripleLoop.INSTANCE);
        for (int i = 0; i < 10; i++) {
            single.gemm(false, false, 1, 1, 1, 1, a, 0, 1, b, 0, 1, 1, c, 0, 1);
        }
        assertEquals((1 << 24) + 10, c[0], 0.0);
    }

    @Test
    void aParametersCopyIsKeptUntilTheParametersMayHaveChanged() {
        double[] weights = {2};
        double[] input = {3};
        double[] out = new double[1];
        SinglePrecisionGemm single = new SinglePrecisionGemm(FloatTripleLoop.INSTANCE);
        single.parameters(List.of(weights));
        single.gemm(false, false, 1, 1, 1, 1, input, 0, 1, weights, 0, 1, 0, out, 0, 1);
        assertEquals(6, out[0], 0.0);
        weights[0] = 5;
        input[0] = 4;
        single.gemm(false, false, 1, 1, 1, 1, input, 0, 1, weights, 0, 1, 0, out, 0, 1);
        assertEquals(8, out[0], 0.0, "within a pass the kept copy of the parameter is used; other operands are read anew");
        single.parametersChanged();
        single.gemm(false, false, 1, 1, 1, 1, input, 0, 1, weights, 0, 1, 0, out, 0, 1);
        assertEquals(20, out[0], 0.0);
    }

    @Test
    void twoThreadsSplittingAProductGetTheSameResultAsOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int m = 64;
            int n = 48;
            int k = 40;
            Random random = new Random(9);
            double[] a = random.doubles(m * k).toArray();
            double[] w = random.doubles(k * n).toArray();
            double[] one = new double[m * n];
            double[] two = new double[m * n];
            SinglePrecisionGemm single = new SinglePrecisionGemm(FloatTripleLoop.INSTANCE);
            single.parameters(List.of(w));
            single.gemm(false, false, m, n, k, 1, a, 0, k, w, 0, n, 0, one, 0, n);
            ParallelGemm parallel = new ParallelGemm(single, pool, 2);
            parallel.parametersChanged();
            parallel.gemm(false, false, m, n, k, 1, a, 0, k, w, 0, n, 0, two, 0, n);
            assertArrayEquals(one, two, 0.0);
            assertTrue(one[0] != 0);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Lays a parameter out as a snapshot of its array (so a stale layout shows in the product) and
     * multiplies by it through the interface's default; counts what it does.
     */
    private static final class SnapshotFloats implements FloatGemm {
        int laidOut;
        int preparedProducts;
        int plainProducts;

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
                int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            plainProducts++;
            FloatTripleLoop.INSTANCE.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc);
        }

        @Override
        public PreparedOperand prepareSingle(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
                PreparedOperand previous) {
            laidOut++;
            double[] snapshot = previous == null ? new double[b.length] : (double[]) previous.layout();
            System.arraycopy(b, 0, snapshot, 0, b.length);
            return new PreparedOperand(transB, n, k, b, bOffset, ldb, snapshot);
        }

        @Override
        public void sgemm(int m, float alpha, double[] a, int aOffset, int lda, PreparedOperand b, double beta,
                double[] c, int cOffset, int ldc) {
            preparedProducts++;
            FloatTripleLoop.INSTANCE.sgemm(m, alpha, a, aOffset, lda, new PreparedOperand(b.transposed(), b.n(), b.k(),
                    (double[]) b.layout(), b.offset(), b.ld(), null), beta, c, cOffset, ldc);
        }
    }

    @Test
    void whereTheBackendLaysOutAProductByAParameterMultipliesByItsLayoutUntilTheParametersChange() {
        double[] weights = {2};
        double[] input = {3};
        double[] out = new double[1];
        SnapshotFloats floats = new SnapshotFloats();
        SinglePrecisionGemm single = new SinglePrecisionGemm(floats);
        single.parameters(List.of(weights));
        int probe = floats.laidOut; // asked once whether it lays out at all
        single.gemm(false, false, 1, 1, 1, 1, input, 0, 1, weights, 0, 1, 0, out, 0, 1);
        assertEquals(6, out[0], 0.0);
        weights[0] = 5;
        input[0] = 4;
        single.gemm(false, false, 1, 1, 1, 1, input, 0, 1, weights, 0, 1, 0, out, 0, 1);
        assertEquals(8, out[0], 0.0, "within a pass the layout of the parameter is used; A is read anew");
        assertEquals(probe + 1, floats.laidOut);
        single.parametersChanged();
        single.gemm(false, false, 1, 1, 1, 1, input, 0, 1, weights, 0, 1, 0, out, 0, 1);
        assertEquals(20, out[0], 0.0);
        assertEquals(probe + 2, floats.laidOut);
        assertEquals(3, floats.preparedProducts);
        single.gemm(false, false, 1, 1, 1, 1, input, 0, 1, input, 0, 1, 0, out, 0, 1);
        single.gemm(true, false, 1, 1, 1, 1, input, 0, 1, weights, 0, 1, 0, out, 0, 1);
        assertEquals(2, floats.plainProducts, "a product by no parameter, or with A transposed, rounds as before");
    }

    @Test
    void aLaidOutParameterGivesTheBitsOfItsKeptCopy() {
        int m = 13;
        int n = 21;
        int k = 17;
        Random random = new Random(5);
        double[] a = random.doubles(m * k).map(x -> x - 0.5).toArray();
        double[] w = random.doubles(2 + n * k).map(x -> x - 0.5).toArray();
        double[] copied = random.doubles(m * n).toArray();
        double[] laidOut = copied.clone();
        SinglePrecisionGemm copying = new SinglePrecisionGemm(FloatTripleLoop.INSTANCE);
        SinglePrecisionGemm laying = new SinglePrecisionGemm(new SnapshotFloats());
        copying.parameters(List.of(w));
        laying.parameters(List.of(w));
        copying.gemm(false, true, m, n, k, 1, a, 0, k, w, 2, k, 0.5, copied, 0, n);
        laying.gemm(false, true, m, n, k, 1, a, 0, k, w, 2, k, 0.5, laidOut, 0, n);
        assertArrayEquals(copied, laidOut, 0.0);
    }

    private static double[] rounded(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
