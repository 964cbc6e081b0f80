package org.rnnlab.core.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationTest {
    private static final double STEP = 1e-6;

    @ParameterizedTest
    @ValueSource(doubles = {-3.5, -0.4, 0, 0.7, 2.9})
    void slopesFromTheOutputAreTheDerivatives(double a) {
        double sigmoidDerivative = (Activation.sigmoid(a + STEP) - Activation.sigmoid(a - STEP)) / (2 * STEP);
        double tanhDerivative = (Math.tanh(a + STEP) - Math.tanh(a - STEP)) / (2 * STEP);

        assertEquals(sigmoidDerivative, Activation.sigmoidSlope(Activation.sigmoid(a)), 1e-9);
        assertEquals(tanhDerivative, Activation.tanhSlope(Math.tanh(a)), 1e-9);
        assertEquals(1 - Activation.sigmoid(a), Activation.sigmoid(-a), 2 * Math.ulp(1.0)); // 1 - σ rounds near 1
    }

    /** Expm1 against StrictMath's (fdlibm), across the whole clamped range and near zero. */
    @Test
    void expm1IsWithinTwoUlpOfStrictMath() {
        double worst = worstUlp(3, 2_000_000, (i, random) -> switch (i % 3) {
            case 0 -> random.nextGaussian();
            case 1 -> (random.nextDouble() - 0.5) * 1400; // to the clamps
            default -> Math.scalb(random.nextDouble() - 0.5, -random.nextInt(1000)); // tiny, subnormal
        }, Expm1::of, y -> StrictMath.expm1(Math.min(Math.max(y, Expm1.LOWEST), Expm1.HIGHEST)));
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
    }

    @Test
    void sigmoidIsWithinThreeUlpOfTheStrictForm() {
        double worst = worstUlp(4, 1_000_000, (i, random) -> random.nextGaussian() * (i % 2 == 0 ? 1 : 15),
                Activation::sigmoid, a -> 1 / (1 + StrictMath.exp(-a)));
        assertTrue(worst <= 3, "worst error " + worst + " ulp");
    }

    /** The fast tanh against the JDK's correctly-rounded-to-1-ulp one, across every regime. */
    @Test
    void tanhIsWithinThreeUlpOfStrictMath() {
        double worst = worstUlp(7, 2_000_000, (i, random) -> switch (i % 4) {
            case 0 -> random.nextGaussian() * 0.1; // the series and the switch-over at 1/4
            case 1 -> random.nextGaussian() * 3; // the exponential form
            case 2 -> (random.nextDouble() - 0.5) * 50; // saturation beyond 22
            default -> Math.scalb(random.nextDouble() - 0.5, -random.nextInt(1000)); // tiny, subnormal
        }, Activation::tanh, StrictMath::tanh);
        assertTrue(worst <= 3, "worst error " + worst + " ulp");
    }

    /** The i-th input of a seeded sample. */
    @FunctionalInterface
    private interface Sample {
        double input(int i, java.util.Random random);
    }

    /** The largest error of {@code actual} against {@code expected}, in ulps of the expected value. */
    private static double worstUlp(long seed, int samples, Sample sample, java.util.function.DoubleUnaryOperator actual,
            java.util.function.DoubleUnaryOperator expected) {
        java.util.Random random = new java.util.Random(seed);
        double worst = 0;
        for (int i = 0; i < samples; i++) {
            double x = sample.input(i, random);
            double reference = expected.applyAsDouble(x);
            worst = Math.max(worst, Math.abs(actual.applyAsDouble(x) - reference) / Math.ulp(reference));
        }
        return worst;
    }

    @Test
    void tanhKeepsTheSpecialValues() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Activation.tanh(-0.0)));
        assertEquals(0.0, Activation.tanh(0.0));
        assertEquals(1.0, Activation.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Activation.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Activation.tanh(Double.NaN)));
        assertEquals(Double.MIN_VALUE, Activation.tanh(Double.MIN_VALUE));
        assertEquals(StrictMath.tanh(0.25), Activation.tanh(0.25), Math.ulp(0.25) * 3);
        assertEquals(StrictMath.tanh(22), Activation.tanh(22));
        assertEquals(-1.0, Activation.tanh(-22.5));
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        assertEquals(0.5, Activation.sigmoid(0));
        assertEquals(0.0, Activation.sigmoid(-1000), 1e-300); // e^1000 is held at e^709 (Expm1's clamp)
        assertEquals(1.0, Activation.sigmoid(1000));
    }

    /** Blocks are addressed by offset; backward reads φ' from the outputs and may work in place. */
    @Test
    void blockFunctionsWorkOnTheirRangeOnly() {
        double[] pre = {9, -1.5, 0.25, 2, 9};
        double[] out = new double[5];

        Activation.TANH.apply(pre, out, 1, 3);
        Activation.RELU.apply(pre, pre, 1, 3);

        assertArrayEquals(new double[] {0, Activation.tanh(-1.5), Activation.tanh(0.25), Activation.tanh(2), 0}, out);
        assertArrayEquals(new double[] {9, 0, 0.25, 2, 9}, pre);
        double[] grad = {1, 1, 1, 1, 1};
        Activation.RELU.backward(pre, 1, grad, grad, 0, 3);
        assertArrayEquals(new double[] {0, 1, 1, 1, 1}, grad);
        double[] gradPre = new double[3];
        Activation.TANH.backward(out, 1, new double[] {2, 2, 2}, gradPre, 0, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(2 * (1 - out[1 + i] * out[1 + i]), gradPre[i], 1e-16);
        }
    }
}
