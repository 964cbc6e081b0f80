package org.rnnlab.backend.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.backend.PreparedOperand;

/**
 * The native backend's products with a prepared operand: rnnlab's C where the processor has
 * AVX-512, the BLAS elsewhere; against a plain triple loop, row by row the same bits whatever the
 * number of rows, and never past an array's end.
 */
class PackedProductsTest {
    private final NativeBackendComponent backend = new NativeBackendComponent();

    /** The library loads exactly where the processor offers AVX-512 (Linux on x86-64 here). */
    @Test
    void theKernelsRunWhereTheProcessorHasAvx512() throws IOException {
        boolean avx512 = Files.readString(Path.of("/proc/cpuinfo")).contains(" avx512f");
        assertEquals(avx512, PackedProducts.AVAILABLE);
        PreparedOperand prepared = backend.prepare(true, 9, 5, random(45, 1), 0, 5, null);
        assertEquals(avx512, prepared.layout() != null, "a layout only where the kernels run");
    }

    /** Row counts across the tiles (16, 8, 4, 2, 1), widths around a panel of eight, both transposes, alpha and beta. */
    static Stream<Arguments> shapes() {
        return cases(new int[][] {{1, 1, 1}, {3, 7, 5}, {16, 8, 64}, {17, 9, 33}, {32, 24, 256}, {33, 130, 67},
            {31, 1024, 16}});
    }

    /** Each m x n x k in {@code sizes} with either transpose and three pairs of alpha and beta. */
    private static Stream<Arguments> cases(int[][] sizes) {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] size : sizes) {
            for (boolean transB : new boolean[] {false, true}) {
                cases.add(Arguments.of(size[0], size[1], size[2], transB, 1.0, 1.0));
                cases.add(Arguments.of(size[0], size[1], size[2], transB, -0.5, 0.0));
                cases.add(Arguments.of(size[0], size[1], size[2], transB, 1.5, 0.25));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transB={3} alpha={4} beta={5}")
    @MethodSource("shapes")
    void agreesWithATripleLoop(int m, int n, int k, boolean transB, double alpha, double beta) {
        Operands o = Operands.of(m, n, k, transB, beta, 2);
        double[] c = o.c();
        double[] expected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += o.opA(i, p) * o.opB(transB, p, j);
                }
                int at = o.cAt(i, j);
                expected[at] = alpha * sum + (beta == 0 ? 0 : beta * c[at]);
            }
        }
        PreparedOperand prepared = backend.prepare(transB, n, k, o.b(), 4, o.ldb(), null);
        backend.gemm(m, alpha, o.a(), 2, o.lda(), prepared, beta, c, 1, o.ldc());
        for (int i = 0; i < c.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(c[i]), "element " + i + " lies outside the product and stays as it was");
            } else {
                assertEquals(expected[i], c[i], 1e-12 * (1 + Math.abs(expected[i])), "element " + i);
            }
        }
    }

    /**
     * {@code precision=single}'s products: A and B rounded to float32, each element one chain of
     * float32 fused multiply-adds in order, scaled by alpha in float32, widened and added to
     * beta C in float64; computed here in Java with {@link Math#fma(float, float, float)} and
     * compared to the bit. Without the kernels (or with a layout given up), the BLAS's sgemm
     * (the interface's default) agrees to float32's precision.
     */
    @ParameterizedTest(name = "{0}x{1}x{2} transB={3} alpha={4} beta={5}")
    @MethodSource("singleShapes")
    void singlePrecisionRoundsAsSgemmWouldAndSumsInOrder(int m, int n, int k, boolean transB, double alpha,
            double beta) {
        Operands o = Operands.of(m, n, k, transB, beta, 12);
        double[] c = o.c();
        double[] expected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma((float) o.opA(i, p), (float) o.opB(transB, p, j), sum);
                }
                int at = o.cAt(i, j);
                double product = (float) alpha * sum;
                expected[at] = beta == 0 ? product : beta * c[at] + product;
            }
        }
        PreparedOperand prepared = backend.prepareSingle(transB, n, k, o.b(), 4, o.ldb(), null);
        assertEquals(PackedProducts.AVAILABLE, prepared.layout() != null);
        double[] kernels = c.clone();
        backend.sgemm(m, (float) alpha, o.a(), 2, o.lda(), prepared, beta, kernels, 1, o.ldc());
        double[] blas = c.clone();
        backend.sgemm(m, (float) alpha, o.a(), 2, o.lda(), new PreparedOperand(transB, n, k, o.b(), 4, o.ldb(), null), beta,
                blas, 1, o.ldc());
        for (int i = 0; i < c.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(kernels[i]) && Double.isNaN(blas[i]), "element " + i + " stays as it was");
                continue;
            }
            double tolerance = 1e-6 * k * (1 + Math.abs(expected[i]));
            if (PackedProducts.AVAILABLE) {
                assertEquals(expected[i], kernels[i], 0.0, "element " + i);
            } else {
                assertEquals(expected[i], kernels[i], tolerance, "element " + i);
            }
            assertEquals(expected[i], blas[i], tolerance, "element " + i + " through sgemm");
        }
    }

    /** As {@link #shapes()}, with widths around a panel of sixteen floats and its two halves. */
    static Stream<Arguments> singleShapes() {
        return cases(new int[][] {{1, 1, 1}, {3, 7, 5}, {16, 9, 64}, {17, 16, 33}, {5, 17, 8}, {32, 24, 256},
            {33, 130, 67}, {31, 1024, 16}});
    }

    /** Two threads take 16 rows each of one thread's 32 (or 17 of 33): each row's bits are the same. */
    @Test
    void aShareOfTheRowsGivesTheBitsOfTheWholeProduct() {
        for (int rows : new int[] {32, 33}) {
            int n = 1024;
            int k = 256;
            double[] a = random(rows * k, 5);
            double[] w = random(n * k, 6);
            PreparedOperand prepared = backend.prepare(true, n, k, w, 0, k, null);
            double[] whole = random(rows * n, 7);
            double[] parts = whole.clone();
            backend.gemm(rows, 1, a, 0, k, prepared, 1, whole, 0, n);
            int first = rows / 2;
            backend.gemm(first, 1, a, 0, k, prepared, 1, parts, 0, n);
            backend.gemm(rows - first, 1, a, first * k, k, prepared, 1, parts, first * n, n);
            assertArrayEquals(whole, parts);

            PreparedOperand floats = backend.prepareSingle(true, n, k, w, 0, k, null);
            double[] wholeSingle = random(rows * n, 7);
            double[] partsSingle = wholeSingle.clone();
            backend.sgemm(rows, 1, a, 0, k, floats, 1, wholeSingle, 0, n);
            backend.sgemm(first, 1, a, 0, k, floats, 1, partsSingle, 0, n);
            backend.sgemm(rows - first, 1, a, first * k, k, floats, 1, partsSingle, first * n, n);
            assertArrayEquals(wholeSingle, partsSingle, "precision=single");
        }
    }

    /** Preparing again into the operand given up reuses its storage: a training step allocates no new panels. */
    @Test
    void preparingAgainReusesTheStorageAndSeesTheNewNumbers() {
        double[] w = random(64 * 32, 8);
        PreparedOperand first = backend.prepare(false, 32, 64, w, 0, 32, null);
        w[0] += 1;
        PreparedOperand second = backend.prepare(false, 32, 64, w, 0, 32, first);
        if (PackedProducts.AVAILABLE) {
            assertNotNull(second.layout());
            assertSame(((PackedProducts.Panels) first.layout()).buffer(), ((PackedProducts.Panels) second.layout()).buffer());
        }
        double[] a = new double[64];
        a[0] = 1;
        double[] c = new double[32];
        backend.gemm(1, 1, a, 0, 64, second, 0, c, 0, 32);
        assertEquals(w[0], c[0]);
    }

    /** An operand that does not lie inside its array is refused before C sees a pointer. */
    @Test
    void operandsOutsideTheirArraysAreRefused() {
        double[] w = random(8 * 8, 9);
        PreparedOperand prepared = backend.prepare(true, 8, 8, w, 0, 8, null);
        double[] c = new double[8 * 8];
        IllegalArgumentException shortA = assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(8, 1, new double[63], 0, 8, prepared, 0, c, 0, 8));
        assertTrue(shortA.getMessage().contains("does not lie inside its array of 63"), shortA.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backend.gemm(8, 1, new double[64], 0, 8, prepared, 0, c, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> backend.prepare(true, 8, 8, w, 1, 8, null));
    }

    /** A layout not made here for this shape (a caller's own buffer, or one of another shape) is never handed to C. */
    @Test
    void aLayoutMadeElsewhereOrForAnotherShapeIsNotTrusted() {
        double[] w = random(8 * 8, 10);
        double[] a = random(8, 11);
        double[] expected = new double[8];
        backend.gemm(1, 1, a, 0, 8, backend.prepare(true, 8, 8, w, 0, 8, null), 0, expected, 0, 8);
        java.nio.ByteBuffer foreign = java.nio.ByteBuffer.allocateDirect(8 * 8 * 8 + 3).position(3).slice();
        for (PreparedOperand odd : new PreparedOperand[] {new PreparedOperand(true, 8, 8, w, 0, 8, foreign),
                new PreparedOperand(true, 8, 8, w, 0, 8, backend.prepare(true, 8, 4, w, 0, 8, null).layout()),
                new PreparedOperand(true, 8, 8, w, 0, 8, backend.prepareSingle(true, 8, 8, w, 0, 8, null).layout())}) {
            double[] c = new double[8];
            backend.gemm(1, 1, a, 0, 8, odd, 0, c, 0, 8);
            assertArrayEquals(expected, c, 1e-12, "the BLAS multiplied B itself");
        }
        // and float64 panels are not read as float32 ones
        double[] single = new double[8];
        backend.sgemm(1, 1, a, 0, 8, new PreparedOperand(true, 8, 8, w, 0, 8, backend.prepare(true, 8, 8, w, 0, 8, null)
                .layout()), 0, single, 0, 8);
        assertArrayEquals(expected, single, 1e-5, "sgemm multiplied B itself");
    }

    /**
     * A product's operands inside larger arrays (A at offset 2, B at 4, C at 1, each row stride
     * longer than its row), random from {@code seed}; C all NaN when beta is 0, which never reads it.
     */
    private record Operands(int lda, int ldb, int ldc, double[] a, double[] b, double[] c) {
        static Operands of(int m, int n, int k, boolean transB, double beta, long seed) {
            int lda = k + 3;
            int ldb = (transB ? k : n) + 2;
            int ldc = n + 5;
            double[] c = random(1 + m * ldc, seed + 2);
            if (beta == 0) {
                Arrays.fill(c, Double.NaN);
            }
            return new Operands(lda, ldb, ldc, random(2 + m * lda, seed), random(4 + (transB ? n : k) * ldb, seed + 1), c);
        }

        /** A (m x k, from offset 2) at row i, column p. */
        double opA(int i, int p) {
            return a[2 + i * lda + p];
        }

        /** op(B) (k x n, B from offset 4, stored transposed when transB) at row p, column j. */
        double opB(boolean transB, int p, int j) {
            return transB ? b[4 + j * ldb + p] : b[4 + p * ldb + j];
        }

        /** Where C (from offset 1) holds row i, column j. */
        int cAt(int i, int j) {
            return 1 + i * ldc + j;
        }
    }

    private static double[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return values;
    }
}
