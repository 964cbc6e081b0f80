package org.rnnlab.core.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The one-hot input gradient's pass over dA and the input biases' sums it gives: dW_ih is the sum
 * of each character's rows in row order, a bias's gradient the per-character sums in column
 * order plus the rows of zeros; any split of the columns between threads gives the same bits; and
 * the bias sums are the plain column sums up to rounding.
 */
class OneHotInputsTest {
    private static final int WIDTH = 5;
    private static final int GATES = 12;
    private static final int ROWS = 40;

    @Test
    void theBiasesGetThePerCharacterSumsInColumnOrder() {
        Pass pass = new Pass();
        double[][] expectedWeights = new double[GATES][WIDTH];
        double[] zeroRows = new double[GATES];
        for (int r = 0; r < ROWS; r++) {
            for (int g = 0; g < GATES; g++) {
                if (pass.hot[r] < 0) {
                    zeroRows[g] += pass.dA[r * GATES + g];
                } else {
                    expectedWeights[g][pass.hot[r]] += pass.dA[r * GATES + g];
                }
            }
        }
        double[] bias = new double[GATES];
        double[] alsoBias = new double[GATES];
        double[] weights = new double[GATES * WIDTH];
        pass.inputs.addWeightGradient(pass.dA, GATES, WIDTH, ROWS, weights, 0, GATES, bias, alsoBias);
        for (int g = 0; g < GATES; g++) {
            double sum = 0;
            double plain = 0;
            for (int j = 0; j < WIDTH; j++) {
                assertEquals(expectedWeights[g][j], weights[g * WIDTH + j], 0.0, "dW_ih " + g + "," + j);
                sum += expectedWeights[g][j];
            }
            sum += zeroRows[g];
            for (int r = 0; r < ROWS; r++) {
                plain += pass.dA[r * GATES + g];
            }
            assertEquals(sum, bias[g], 0.0, "bias " + g);
            assertEquals(sum, alsoBias[g], 0.0, "the other bias " + g);
            assertEquals(plain, bias[g], 1e-12, "bias " + g + " against the plain column sum");
        }
    }

    @Test
    void columnBlocksGiveTheWholePassBits() {
        Pass pass = new Pass();
        double[] wholeBias = filled(new Random(3), GATES);
        double[] wholeWeights = filled(new Random(4), GATES * WIDTH);
        double[] blockBias = wholeBias.clone();
        double[] blockWeights = wholeWeights.clone();
        pass.inputs.addWeightGradient(pass.dA, GATES, WIDTH, ROWS, wholeWeights, 0, GATES, wholeBias, null);
        for (int first = 0; first < GATES; first += 4) { // three shares of four gate columns
            pass.inputs.addWeightGradient(pass.dA, GATES, WIDTH, ROWS, blockWeights, first, 4, blockBias, null);
        }
        assertArrayEquals(wholeBias, blockBias, 0.0);
        assertArrayEquals(wholeWeights, blockWeights, 0.0);

        double[] withoutBias = filled(new Random(4), GATES * WIDTH);
        pass.inputs.addWeightGradient(pass.dA, GATES, WIDTH, ROWS, withoutBias, 0, GATES, null, null);
        assertArrayEquals(wholeWeights, withoutBias, 0.0, "a cell without input biases gets the same dW_ih");
    }

    /**
     * The lookup of each row is its character's column of W_ih, pass after pass: each pass lays
     * out the characters it uses (a sampled character only its own) from the weights as they are
     * then, and a row of zeros looks up zeros.
     */
    @Test
    void eachRowLooksUpItsCharactersColumnOfTheWeightsOfItsPass() {
        OneHotInputs inputs = new OneHotInputs(ROWS);
        Random random = new Random(12);
        boolean first = true;
        for (int[] characters : new int[][] {{3}, {3, 1, -1, 4}, {0, 2, 2}}) {
            double[] weights = filled(random, GATES * WIDTH);
            double[] x = new double[characters.length * WIDTH];
            for (int r = 0; r < characters.length; r++) {
                if (characters[r] >= 0) {
                    x[r * WIDTH + characters[r]] = 1.0;
                }
            }
            assertTrue(inputs.find(x, characters.length, WIDTH, GATES));
            inputs.prepare(weights, GATES, WIDTH, 0, 8);
            inputs.prepare(weights, GATES, WIDTH, 8, GATES - 8); // two shares of the gate columns
            for (int r = 0; r < characters.length; r++) {
                double[] table = inputs.projection(r);
                int at = inputs.projectionOffset(r, GATES);
                for (int g = 0; g < GATES; g++) {
                    double expected = characters[r] < 0 ? 0.0 : weights[g * WIDTH + characters[r]];
                    assertEquals(expected, table[at + g], 0.0, "row " + r + ", gate column " + g);
                }
            }
            if (first) { // one character: its row of the table is made, no other
                double[] table = inputs.projection(0);
                for (int j = 0; j < WIDTH; j++) {
                    for (int g = 0; g < GATES; g++) {
                        assertEquals(j == 3 ? weights[g * WIDTH + 3] : 0.0, table[j * GATES + g], 0.0,
                                "table row " + j + ", gate column " + g);
                    }
                }
                first = false;
            }
        }
    }

    /** Random one-hot rows (row 7 all zeros) found by {@link OneHotInputs#find}, and a random dA. */
    private static final class Pass {
        final OneHotInputs inputs = new OneHotInputs(ROWS);
        final int[] hot = new int[ROWS];
        final double[] dA;

        Pass() {
            Random random = new Random(11);
            double[] x = new double[ROWS * WIDTH];
            for (int r = 0; r < ROWS; r++) {
                hot[r] = r == 7 ? -1 : random.nextInt(WIDTH);
                if (hot[r] >= 0) {
                    x[r * WIDTH + hot[r]] = 1.0;
                }
            }
            assertTrue(inputs.find(x, ROWS, WIDTH, GATES));
            dA = filled(random, ROWS * GATES);
        }
    }

    private static double[] filled(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian() * Math.pow(10, random.nextInt(5) - 2);
        }
        return values;
    }
}
