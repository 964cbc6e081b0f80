package org.rnnlab.core.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The block nonlinearities: the Vector API kernels (this module's tests run with
 * jdk.incubator.vector) give the scalar kernels' bits, element by element, over every regime, on
 * blocks whose length is not a multiple of the vector's, at an offset; and the same bits before
 * the JIT has compiled them as after, so a run's numbers never depend on the compiler's timing.
 */
class BlockKernelsTest {
    private static final BlockKernels SCALAR = new BlockKernels();

    @Test
    void theJvmWithTheVectorModuleRunsTheVectorKernels() {
        assertTrue(Activation.blockKernels().startsWith("vector "), Activation.blockKernels());
    }

    @Test
    void vectorAndScalarKernelsGiveTheSameBits() {
        double[] x = inputs(100_003);
        assertSameBits(sigmoid(SCALAR, x), sigmoid(BlockKernels.INSTANCE, x), "sigmoid");
        assertSameBits(tanh(SCALAR, x), tanh(BlockKernels.INSTANCE, x), "tanh");
    }

    @Test
    void theFirstCallGivesTheBitsOfTheCompiledLoop() {
        double[] x = inputs(4_099);
        double[] coldSigmoid = sigmoid(BlockKernels.INSTANCE, x);
        double[] coldTanh = tanh(BlockKernels.INSTANCE, x);
        for (int i = 0; i < 3_000; i++) { // past the JIT's thresholds
            sigmoid(BlockKernels.INSTANCE, x);
            tanh(BlockKernels.INSTANCE, x);
        }
        assertSameBits(coldSigmoid, sigmoid(BlockKernels.INSTANCE, x), "sigmoid");
        assertSameBits(coldTanh, tanh(BlockKernels.INSTANCE, x), "tanh");
    }

    @Test
    void vectorAndScalarRowSumsGiveTheSameBits() {
        double[] source = inputs(1_031);
        for (boolean both : new boolean[] {true, false}) {
            double[][] scalar = {inputs(517), inputs(517)};
            double[][] vector = {scalar[0].clone(), scalar[1].clone()};
            for (int row = 0; row + 515 <= source.length; row += 515) {
                SCALAR.addRow(source, row, scalar[0], both ? scalar[1] : null, 2, 515);
                BlockKernels.INSTANCE.addRow(source, row, vector[0], both ? vector[1] : null, 2, 515);
            }
            assertSameBits(scalar[0], vector[0], "column sums");
            assertSameBits(scalar[1], vector[1], "second column sums");
            if (!both) {
                assertSameBits(inputs(517), vector[1], "the absent second target untouched");
            }
        }
    }

    @Test
    void specialValuesKeepTheirMeaning() {
        double[] x = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 800, -800, 1e-300,
            Double.NaN, 30, -30, 0.5, -0.5, 1e-9, -1e-9, 7};
        double[] sigmoid = sigmoid(BlockKernels.INSTANCE, x);
        double[] tanh = tanh(BlockKernels.INSTANCE, x);
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                assertTrue(Double.isNaN(sigmoid[i]) && Double.isNaN(tanh[i]), "NaN stays NaN");
            }
        }
        assertEquals(1.0, sigmoid[1], 0.0);
        assertEquals(0.0, sigmoid[2], 1e-300);
        assertEquals(0.5, sigmoid[3], 0.0);
        assertEquals(1.0, tanh[1], 0.0);
        assertEquals(-1.0, tanh[2], 0.0);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(tanh[3]));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(tanh[4]), "tanh keeps the sign of zero");
        assertEquals(1e-300, tanh[7], 0.0);
        assertEquals(-1e-9, tanh[14], 1e-25);
    }

    private static double[] sigmoid(BlockKernels kernels, double[] x) {
        double[] out = new double[x.length + 3];
        System.arraycopy(x, 0, out, 3, x.length);
        kernels.sigmoid(out, 3, x.length);
        return java.util.Arrays.copyOfRange(out, 3, out.length);
    }

    private static double[] tanh(BlockKernels kernels, double[] x) {
        double[] out = new double[x.length + 1];
        kernels.tanh(x, 0, out, 1, x.length);
        return java.util.Arrays.copyOfRange(out, 1, out.length);
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])
                    && !(Double.isNaN(expected[i]) && Double.isNaN(actual[i]))) {
                throw new AssertionError(what + " element " + i + ": " + expected[i] + " against " + actual[i]);
            }
        }
    }

    private static double[] inputs(int length) {
        Random random = new Random(11);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = switch (i % 5) {
                case 0 -> random.nextGaussian() * 0.1;
                case 1 -> random.nextGaussian() * 4;
                case 2 -> (random.nextDouble() - 0.5) * 2000;
                case 3 -> i % 7 == 0 ? Double.NaN : -random.nextDouble() * 50;
                default -> Math.scalb(random.nextDouble() - 0.5, -random.nextInt(1000));
            };
        }
        return x;
    }
}
