package org.rnnlab.backend.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.testkit.BackendCheck;

/**
 * Each backend that loads on this machine agrees with the plain-Java kernel; one that does not
 * load has no BLAS and says how to get it.
 */
class NetlibGemmTest {
    /**
     * Every transpose combination, with padded and tight array tails, on odd sizes, on a block
     * large enough to reach the BLAS kernels' blocking, and on a tall deep one that a transposed A
     * sends through the transposed product ({@link NetlibGemm#TRANSPOSED_DEPTH}).
     */
    static Stream<Arguments> cases() {
        int[][] shapes = { { 7, 9, 5 }, { 33, 130, 67 }, { 301, 37, NetlibGemm.TRANSPOSED_DEPTH + 13 } };
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] shape : shapes) {
            for (int flags = 0; flags < 8; flags++) {
                boolean transA = (flags & 1) != 0;
                boolean transB = (flags & 2) != 0;
                boolean tight = (flags & 4) != 0;
                cases.add(Arguments.of(transA, transB, tight, shape[0], shape[1], shape[2]));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "transA={0} transB={1} tight={2} {3}x{4}x{5}")
    @MethodSource("cases")
    void nativeAgreesWithJavaGemm(boolean transA, boolean transB, boolean tight, int m, int n, int k) {
        checkOrExplain(NetlibProbes.NATIVE, "apt-get install libopenblas0", transA, transB, tight, m, n, k);
    }

    @ParameterizedTest(name = "transA={0} transB={1} tight={2} {3}x{4}x{5}")
    @MethodSource("cases")
    void vectorAgreesWithJavaGemm(boolean transA, boolean transB, boolean tight, int m, int n, int k) {
        checkOrExplain(NetlibProbes.VECTOR, "jdk.incubator.vector", transA, transB, tight, m, n, k);
    }

    private static void checkOrExplain(Availability probe, String hint, boolean transA, boolean transB,
            boolean tight, int m, int n, int k) {
        if (!probe.available()) {
            assertTrue(probe.reason().contains(hint), probe.reason());
            return;
        }
        NetlibGemm gemm = new NetlibGemm(probe.blas());
        assertAgrees(BackendCheck.worstError(gemm, JavaGemm.INSTANCE, transA, transB, m, n, k, 1.5, 0.5, tight, 11));
        assertAgrees(BackendCheck.worstError(gemm, JavaGemm.INSTANCE, transA, transB, m, n, k, -0.7, 0, tight, 12));
        assertAgrees(BackendCheck.worstError(gemm, JavaGemm.INSTANCE, transA, transB, m, n, k, 1, 1, tight, 13));
    }

    /**
     * sgemm against the float64 product of the same (float-rounded) operands, in every layout
     * netlib is given: each element within a few float32 roundings of the sum of its terms'
     * magnitudes, so a wrong operand, transpose or offset shows as an error of order one.
     */
    @ParameterizedTest(name = "transA={0} transB={1} tight={2} {3}x{4}x{5}")
    @MethodSource("cases")
    void sgemmAgreesWithTheFloat64Product(boolean transA, boolean transB, boolean tight, int m, int n, int k) {
        for (Availability probe : List.of(NetlibProbes.NATIVE, NetlibProbes.VECTOR)) {
            if (probe.available()) {
                checkSgemm(new NetlibGemm(probe.blas()), transA, transB, tight, m, n, k);
            }
        }
    }

    private static void checkSgemm(NetlibGemm gemm, boolean transA, boolean transB, boolean tight, int m, int n,
            int k) {
        java.util.Random random = new java.util.Random(m * 31L + n * 7L + k);
        int lda = (transA ? m : k) + 3;
        int ldb = (transB ? k : n) + 2;
        int ldc = n + 1;
        int aOffset = 5;
        int bOffset = 1;
        int cOffset = 2;
        // A tight array ends with its last row's last element, past which netlib's check would look.
        int aLength = aOffset + ((transA ? k : m) - 1) * lda + (transA ? m : k) + (tight ? 0 : lda);
        int bLength = bOffset + ((transB ? n : k) - 1) * ldb + (transB ? k : n) + (tight ? 0 : ldb);
        float[] a = randomFloats(random, aLength);
        float[] b = randomFloats(random, bLength);
        float[] c = randomFloats(random, cOffset + m * ldc);
        double[] expected = toDoubles(c);
        double[] magnitude = new double[expected.length];
        float alpha = 1.5f;
        float beta = 0.5f;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double size = 0;
                for (int p = 0; p < k; p++) {
                    double x = a[aOffset + (transA ? p * lda + i : i * lda + p)];
                    double y = b[bOffset + (transB ? j * ldb + p : p * ldb + j)];
                    sum += x * y;
                    size += Math.abs(x * y);
                }
                int at = cOffset + i * ldc + j;
                magnitude[at] = alpha * size + beta * Math.abs(expected[at]);
                expected[at] = alpha * sum + beta * expected[at];
            }
        }
        gemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = cOffset + i * ldc + j;
                double error = Math.abs(c[at] - expected[at]);
                assertTrue(error <= 4 * (k + 2) * 0x1p-24 * magnitude[at],
                        "C[" + i + "][" + j + "] = " + c[at] + ", float64 gives " + expected[at]);
            }
        }
    }

    private static float[] randomFloats(java.util.Random random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static double[] toDoubles(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }

    private static void assertAgrees(double worstError) {
        assertTrue(worstError <= 1e-12, () -> "worst relative error " + worstError);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void anEmptyInnerDimensionOnlyScalesC(String name, Availability probe) {
        if (!probe.available()) {
            assertNull(probe.blas());
            return;
        }
        double[] c = { 1, 2, 3, 4 };
        new NetlibGemm(probe.blas()).gemm(false, true, 2, 2, 0, 1.0, new double[0], 0, 0, new double[0], 0, 0, 0.5,
                c, 0, 2);
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0), Arrays.stream(c).boxed().toList());
    }

    static Stream<Arguments> probes() {
        return Stream.of(Arguments.of("native", NetlibProbes.NATIVE), Arguments.of("java-vector", NetlibProbes.VECTOR));
    }
}
