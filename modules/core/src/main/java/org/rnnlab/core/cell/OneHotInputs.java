package org.rnnlab.core.cell;

import java.util.Arrays;

/**
 * A window whose inputs are one-hot rows (characters of a text, tokens): then the input
 * projection x_t W_ih^T is a lookup of one column of W_ih per row, as an embedding layer does,
 * and dW_ih += dA^T X adds each row of dA to one column. Both replace a product of
 * {@code rows x input x gates·hidden} multiply-adds, most of them by zero, by a copy of
 * {@code rows x gates·hidden} values. The lookup is exact (the product adds only zeros to the
 * one weight); the gradient sums the same terms in row order, so it may differ from the
 * product's in the last bits.
 *
 * <p>A row counts as one-hot when one element is exactly 1.0 and every other is +0.0 (a row of
 * +0.0 only is allowed too); anything else, -0.0 included, takes the product, so a NaN or an
 * infinity in the inputs propagates as the product propagates it.
 */
final class OneHotInputs {
    /** Per row, the column holding 1.0, or -1 for a row of zeros. */
    private final int[] hot;
    /** The columns that hold a 1.0 in some row, {@link #presentCount} of them: the lookup table's rows in use. */
    private int[] present = new int[0];
    private int presentCount;
    private boolean[] seen = new boolean[0];
    /** W_ih transposed (input x gates·hidden), so a lookup and a gradient row are contiguous; made on first use. */
    private double[] transposed = new double[0];
    /** The projection of a row of zeros. */
    private double[] zeros = new double[0];
    /** dL/d(gates) summed over the rows of zeros, for the biases' gradient ({@link #addWeightGradient}). */
    private double[] zeroRows = new double[0];
    private boolean found;
    /** Per gate column, the sum of the per-input sums ({@link #addWeightGradient}). */
    private double[] sums = new double[0];

    OneHotInputs(int rows) {
        this.hot = new int[rows];
    }

    /**
     * Looks at the window's recorded inputs; true when every row is one-hot, which later calls
     * rely on. Then it also makes room for W_ih transposed ({@code gateWidth x width}), before
     * threads share the columns of {@link #prepare} and {@link #addWeightGradient}.
     */
    boolean find(double[] inputs, int rows, int width, int gateWidth) {
        found = false;
        if (seen.length < width) {
            seen = new boolean[width];
            present = new int[width];
        }
        Arrays.fill(seen, 0, width, false);
        presentCount = 0;
        for (int r = 0; r < rows; r++) {
            int column = -1;
            int row = r * width;
            for (int j = 0; j < width; j++) {
                double x = inputs[row + j];
                if (x == 1.0 && column < 0) {
                    column = j;
                } else if (Double.doubleToRawLongBits(x) != 0L) {
                    return false;
                }
            }
            hot[r] = column;
            if (column >= 0 && !seen[column]) {
                seen[column] = true;
                present[presentCount++] = column;
            }
        }
        if (transposed.length < gateWidth * width) {
            transposed = new double[gateWidth * width];
        }
        if (zeros.length < gateWidth) {
            zeros = new double[gateWidth];
            zeroRows = new double[gateWidth];
            sums = new double[gateWidth];
        }
        found = true;
        return true;
    }

    /** Whether the last {@link #find} saw one-hot rows only. */
    boolean found() {
        return found;
    }

    /**
     * Makes the gate columns {@code [first, first + count)} of the lookup table: W_ih transposed,
     * so that row v holds x W_ih^T for the one-hot x of column v; only the rows of the columns
     * the window uses, so a window of one row (a sampled character) copies one column of W_ih, not
     * all of it (at 65 characters and H = 256 that copy was nearly all of a sampled character's
     * time). Each row is written in order. Before {@link #projection}.
     */
    void prepare(double[] weights, int gateWidth, int width, int first, int count) {
        for (int p = 0; p < presentCount; p++) {
            int j = present[p];
            int row = j * gateWidth;
            for (int g = first; g < first + count; g++) {
                transposed[row + g] = weights[g * width + j];
            }
        }
    }

    /** The array holding x_r W_ih^T of row r: the lookup table, or a row of zeros; see {@link #projectionOffset}. */
    double[] projection(int r) {
        return hot[r] < 0 ? zeros : transposed;
    }

    /** Where x_r W_ih^T starts in {@link #projection}'s array. */
    int projectionOffset(int r, int gateWidth) {
        return hot[r] < 0 ? 0 : hot[r] * gateWidth;
    }

    /**
     * {@code gradWeights += dA^T X} in the gate columns {@code [first, first + count)} of dA (rows
     * of dW_ih): row r of dA added to column hot[r] of dW_ih, the rows in order. The input biases'
     * gradient is the sum of every row of dA; it is taken from the same per-character sums (and the
     * sum of the rows of zeros), added in column order, so dA is read once and each of its rows is
     * added once. {@code bias} and {@code alsoBias} (null for none; {@code alsoBias} only with
     * {@code bias}) both receive that sum. Each column's sums run in one fixed order whatever the
     * share, so the threads give one thread's bits; they may differ from a plain column sum
     * ({@link Units#addColumnSums}) in the last bits.
     */
    void addWeightGradient(double[] dA, int gateWidth, int width, int rows, double[] gradWeights, int first,
            int count, double[] bias, double[] alsoBias) {
        for (int j = 0; j < width; j++) {
            Arrays.fill(transposed, j * gateWidth + first, j * gateWidth + first + count, 0.0);
        }
        Arrays.fill(zeroRows, first, first + count, 0.0);
        for (int r = 0; r < rows; r++) {
            int from = r * gateWidth + first;
            if (hot[r] >= 0) {
                BlockKernels.INSTANCE.addRow(dA, from, transposed, null, hot[r] * gateWidth + first, count);
            } else if (bias != null) {
                BlockKernels.INSTANCE.addRow(dA, from, zeroRows, null, first, count);
            }
        }
        // Each gate column's sum runs over the inputs j in order; the table is read row by row.
        Arrays.fill(sums, first, first + count, 0.0);
        for (int j = 0; j < width; j++) {
            int row = j * gateWidth;
            for (int g = first; g < first + count; g++) {
                double perInput = transposed[row + g];
                gradWeights[g * width + j] += perInput;
                sums[g] += perInput;
            }
        }
        if (bias != null) {
            for (int g = first; g < first + count; g++) {
                double sum = sums[g] + zeroRows[g];
                bias[g] += sum;
                if (alsoBias != null) {
                    alsoBias[g] += sum;
                }
            }
        }
    }
}
