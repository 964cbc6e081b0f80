package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

/**
 * The random initializers draw from the distribution they promise. The sample mean and variance
 * of n draws must lie within five standard errors of the expected ones: sqrt(var / n) for the
 * mean and sqrt((mu4 - var^2) / n) for the variance, where the fourth central moment mu4 is
 * 9 var^2 / 5 for a uniform and 3 var^2 for a normal distribution. Seeded, hence deterministic;
 * the expected moments are written out from the formulas (fans of one gate block).
 */
class DistributionTest {
    private static final double STANDARD_ERRORS = 5;

    @ParameterizedTest(name = "{0} {1} on {2}x{3}, {4} gates")
    @CsvSource(delimiter = '|', value = {
            // name         | options              | rows | cols | gates | mean | variance              | distribution
            "uniform        | ''                   | 300  | 400  | 0     | 0.5  | 0.08333333333333333   | uniform",
            "uniform        | a=-0.3 b=0.7         | 300  | 400  | 0     | 0.2  | 0.08333333333333333   | uniform",
            "uniform        | bound=0.5            | 300  | 400  | 0     | 0    | 0.08333333333333333   | uniform",
            "normal         | ''                   | 300  | 400  | 0     | 0    | 1                     | normal",
            "normal         | mean=1.5 std=0.2     | 300  | 400  | 0     | 1.5  | 0.04                  | normal",
            // 2 / (fan_in + fan_out) = 2 / (400 + 300)
            "xavier-uniform | ''                   | 300  | 400  | 0     | 0    | 0.002857142857142857  | uniform",
            "xavier-normal  | ''                   | 300  | 400  | 0     | 0    | 0.002857142857142857  | normal",
            // gain^2 * 2 / (30 + 50): fan_out is one gate block's 50 rows
            "xavier-normal  | gain=2               | 200  | 30   | 4     | 0    | 0.1                   | normal",
            // 2 / fan_in = 2 / 250
            "he-uniform     | ''                   | 320  | 250  | 0     | 0    | 0.008                 | uniform",
            "he-normal      | ''                   | 320  | 250  | 0     | 0    | 0.008                 | normal",
            // 2 / fan_out = 2 / 320; gain 1: 1 / 250
            "he-normal      | mode=fan_out         | 320  | 250  | 0     | 0    | 0.00625               | normal",
            "he-uniform     | gain=1               | 320  | 250  | 0     | 0    | 0.004                 | uniform",
            // 2 / fan_in for a GRU's 3 gate blocks of 100 x 125
            "he-normal      | ''                   | 300  | 125  | 3     | 0    | 0.016                 | normal",
            // 1 / fan_in = 1 / 400
            "lecun-normal   | ''                   | 300  | 400  | 0     | 0    | 0.0025                | normal",
            "lecun-normal   | gain=3               | 300  | 400  | 0     | 0    | 0.0225                | normal" })
    void sampleMomentsMatch(String name, String options, int rows, int cols, int gates, double mean, double variance,
            String distribution) {
        List<String> gateNames = List.of("a", "b", "c", "d").subList(0, gates);
        ParameterSpec spec = Initializers.spec("w", rows, cols, ParameterRole.INPUT_WEIGHTS, gateNames);
        DMatrixRMaj w = Initializers.fill(Initializers.configure(name, options), spec, 11);
        int n = w.getNumElements();
        double sampleMean = Arrays.stream(w.data).sum() / n;
        double sampleVariance = Arrays.stream(w.data).map(x -> (x - sampleMean) * (x - sampleMean)).sum() / n;
        double fourthMoment = (distribution.equals("uniform") ? 9.0 / 5 : 3.0) * variance * variance;
        assertEquals(mean, sampleMean, STANDARD_ERRORS * Math.sqrt(variance / n), "mean");
        assertEquals(variance, sampleVariance, STANDARD_ERRORS * Math.sqrt((fourthMoment - variance * variance) / n),
                "variance");
        if (distribution.equals("uniform")) {
            double halfWidth = Math.sqrt(3 * variance);
            assertTrue(Arrays.stream(w.data).allMatch(x -> Math.abs(x - mean) <= halfWidth),
                    "draws outside [" + (mean - halfWidth) + ", " + (mean + halfWidth) + "]");
        }
    }

    /** The uniform bound uses one gate block's rows as fan_out, times the gain, and is nearly reached. */
    @ParameterizedTest
    @CsvSource({ "xavier-uniform, 1, 0.27386127875258304", "xavier-uniform, 2.5, 0.6846531968814575",
            "he-uniform, 1.4142135623730951, 0.447213595499958" })
    void gatedBoundUsesOneGateBlock(String name, double gain, double bound) {
        ParameterSpec spec = Initializers.spec("weight_ih", 4 * 50, 30, ParameterRole.INPUT_WEIGHTS,
                Initializers.LSTM_GATES);
        DMatrixRMaj w = Initializers.fill(Initializers.configure(name, "gain=" + gain), spec, 5);
        double maxAbs = Arrays.stream(w.data).map(Math::abs).max().orElseThrow();
        assertTrue(maxAbs <= bound * (1 + 1e-12) && maxAbs > 0.99 * bound, () -> "largest |w| " + maxAbs + " for bound " + bound);
    }
}
