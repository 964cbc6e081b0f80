package org.rnnlab.core.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The block nonlinearities: the Vector API kernels (this module's tests run with
 * jdk.incubator.vector) against the scalar ones, element by element, over every regime and on
 * blocks whose length is not a multiple of the vector's, at an offset.
 */
class BlockKernelsTest {
    private static final BlockKernels SCALAR = new BlockKernels();

    @Test
    void theJvmWithTheVectorModuleRunsTheVectorKernels() {
        assertTrue(Activation.blockKernels().startsWith("vector "), Activation.blockKernels());
    }

    @Test
    void vectorSigmoidAndTanhAreWithinTwoUlpOfTheJdksScalarForms() {
        double[] x = inputs(100_003);
        double[] vectorSigmoid = x.clone();
        double[] scalarSigmoid = x.clone();
        BlockKernels.INSTANCE.sigmoid(vectorSigmoid, 3, x.length - 3);
        SCALAR.sigmoid(scalarSigmoid, 3, x.length - 3);
        double[] vectorTanh = new double[x.length];
        BlockKernels.INSTANCE.tanh(x, 3, vectorTanh, 1, x.length - 3);
        double worstSigmoid = 0;
        double worstTanh = 0;
        for (int i = 0; i < x.length - 3; i++) {
            worstSigmoid = Math.max(worstSigmoid, ulps(scalarSigmoid[i + 3], vectorSigmoid[i + 3]));
            worstTanh = Math.max(worstTanh, ulps(StrictMath.tanh(x[i + 3]), vectorTanh[i + 1]));
        }
        assertTrue(worstSigmoid <= 2, "sigmoid: worst " + worstSigmoid + " ulp from 1 / (1 + Math.exp(-x))");
        assertTrue(worstTanh <= 2, "tanh: worst " + worstTanh + " ulp from StrictMath.tanh");
        assertEquals(x[0], vectorSigmoid[0], 0.0, "nothing before the block is touched");
        assertEquals(0.0, vectorTanh[0], 0.0);
    }

    @Test
    void specialValuesKeepTheirMeaning() {
        double[] x = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 800, -800, 1e-300,
            Double.NaN, 30, -30, 0.5, -0.5, 1e-9, -1e-9, 7};
        double[] sigmoid = x.clone();
        double[] tanh = new double[x.length];
        BlockKernels.INSTANCE.sigmoid(sigmoid, 0, x.length);
        BlockKernels.INSTANCE.tanh(x, 0, tanh, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                assertTrue(Double.isNaN(sigmoid[i]) && Double.isNaN(tanh[i]), "NaN stays NaN");
            } else {
                assertTrue(ulps(Activation.sigmoid(x[i]), sigmoid[i]) <= 2, "sigmoid(" + x[i] + ") = " + sigmoid[i]);
                assertTrue(ulps(StrictMath.tanh(x[i]), tanh[i]) <= 2, "tanh(" + x[i] + ") = " + tanh[i]);
            }
        }
    }

    private static double[] inputs(int length) {
        Random random = new Random(11);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> random.nextGaussian() * 0.1;
                case 1 -> random.nextGaussian() * 4;
                case 2 -> (random.nextDouble() - 0.5) * 80;
                default -> Math.scalb(random.nextDouble() - 0.5, -random.nextInt(1000));
            };
        }
        return x;
    }

    private static double ulps(double expected, double actual) {
        if (expected == actual) {
            return 0;
        }
        return Math.abs(expected - actual) / Math.ulp(expected);
    }
}
