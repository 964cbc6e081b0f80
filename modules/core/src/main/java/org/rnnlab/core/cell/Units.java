package org.rnnlab.core.cell;

import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.Shares;

/**
 * The hidden units {@code [from, to)} one thread computes for every step of a window, and what
 * a window cell does to their columns. A cell writes its equations for a share of units: every
 * gate block's columns of those units (the helpers below touch only those), every product's
 * output columns of those units ({@link #recurrentProduct}, {@link #backProduct}), and
 * {@link #awaitOthers} once a step's results are written, before anything reads other units of
 * them. With one thread the share is all units and {@link #awaitOthers} does nothing. Each
 * element is computed from the same operands in the same order whatever the share.
 *
 * <p>Shares start at multiples of four units, so the vector kernels and the java backend's
 * 4 x 4 tiles keep their full width.
 */
public final class Units {
    private static final int ALIGNMENT = 4;

    private final int from;
    private final int to;
    private final int hidden;
    /** Columns of the gate buffers: gates times hidden. */
    private final int gateWidth;
    private final MatrixBackend products;
    private final Shares.Share share;
    /** This share's columns of W in the trace, and the W they were taken from ({@link #backProduct}). */
    private double[] columns;
    private double[] columnsFrom;
    private int columnsDepth;

    private Units(int from, int to, int hidden, int gateWidth, MatrixBackend products, Shares.Share share) {
        this.from = from;
        this.to = to;
        this.hidden = hidden;
        this.gateWidth = gateWidth;
        this.products = products;
        this.share = share;
    }

    /** All units on the calling thread. */
    static Units all(int hidden, int gateWidth, MatrixBackend products) {
        return new Units(0, hidden, hidden, gateWidth, products, null);
    }

    /** The share's part of {@code hidden} units: equal blocks aligned to four, the last takes the rest. */
    static Units of(Shares.Share share, int hidden, int gateWidth) {
        int count = share.count();
        if (count == 1) {
            return all(hidden, gateWidth, share.products());
        }
        int block = Math.max(ALIGNMENT, hidden / count / ALIGNMENT * ALIGNMENT);
        int from = Math.min(hidden, share.index() * block);
        int to = share.index() == count - 1 ? hidden : Math.min(hidden, from + block);
        return new Units(from, to, hidden, gateWidth, share.products(), share);
    }

    /** The first unit of the share. */
    public int from() {
        return from;
    }

    /** One past the last unit of the share. */
    public int to() {
        return to;
    }

    /**
     * How many units the share holds (0 is possible with more threads than blocks of four; such a
     * share still meets the others at every step).
     */
    public int count() {
        return to - from;
    }

    /** Whether the share is every unit (one thread). */
    public boolean all() {
        return from == 0 && to == hidden;
    }

    /** Where this share's products go: on its own thread. */
    public MatrixBackend products() {
        return products;
    }

    /** Waits until every share has written what precedes this call; see {@link Shares.Share#awaitOthers}. */
    public void awaitOthers() {
        if (share != null) {
            share.awaitOthers();
        }
    }

    /** Calls {@code columns} with each run of the share's columns in the gate-wide matrices. */
    void inGateColumns(ColumnRun columns) {
        if (all()) {
            columns.accept(0, gateWidth);
            return;
        }
        for (int g = 0; g < gateWidth / hidden; g++) {
            columns.accept(g * hidden + from, count());
        }
    }

    /** Work on the gate columns {@code [first, first + count)}. */
    @FunctionalInterface
    interface ColumnRun {
        void accept(int first, int count);
    }

    /**
     * Adds {@code vector} to the share's columns of gate blocks {@code [0, gates)} in the
     * {@code rows} gate rows from row {@code firstRow}.
     */
    public void addToRows(double[] target, int firstRow, int rows, int gates,
            double[] vector) {
        int segments = all() ? 1 : gates;
        int length = all() ? gates * hidden : count();
        for (int r = firstRow; r < firstRow + rows; r++) {
            int row = r * gateWidth;
            for (int s = 0; s < segments; s++) {
                int first = s * hidden + from;
                for (int j = first; j < first + length; j++) {
                    target[row + j] += vector[j];
                }
            }
        }
    }

    /**
     * Writes {@code x_r W_ih^T + first + second} (b_ih and b_hh; {@code second} may be null) into
     * the share's columns of gate blocks {@code [0, gates)} of the {@code rows} gate rows from row
     * {@code firstRow}: the cell's first write to those rows, with {@code gates} every gate block
     * the input projection reaches. Dense inputs were multiplied into the gate buffer for the whole
     * window before {@link WindowCell#forwardWindow}; one-hot inputs are looked up here, as the rows are
     * about to be used, which saves writing and reading back the window's largest matrix. A cell
     * with per-step biases calls it one step's rows at a time, just before that step's recurrent
     * product, while they are in cache.
     */
    public void inputsPlusBias(WindowTrace window, int firstRow, int rows, int gates, double[] first,
            double[] second) {
        double[] target = window.gates().data;
        boolean lookup = window.oneHot.found();
        int segments = all() ? 1 : gates;
        int length = all() ? gates * hidden : count();
        for (int r = firstRow; r < firstRow + rows; r++) {
            int row = r * gateWidth;
            double[] projection = lookup ? window.oneHot.projection(r) : target;
            int projected = lookup ? window.oneHot.projectionOffset(r, gateWidth) : row;
            for (int s = 0; s < segments; s++) {
                int start = s * hidden + from;
                if (second == null) {
                    for (int j = start; j < start + length; j++) {
                        target[row + j] = projection[projected + j] + first[j];
                    }
                } else {
                    for (int j = start; j < start + length; j++) {
                        target[row + j] = projection[projected + j] + first[j] + second[j];
                    }
                }
            }
        }
    }

    /**
     * {@code target[j] += Σ_r source[r][j]} over the {@code rows} gate rows from {@code firstRow},
     * for the share's columns of every gate block: a bias gradient. Each column is summed in the
     * same order whatever the share.
     */
    public void addColumnSums(double[] source, int firstRow, int rows, double[] target) {
        addColumnSums(source, firstRow, rows, target, null);
    }

    /**
     * {@link #addColumnSums(double[], int, int, double[])} into two targets at once (or one,
     * if {@code alsoTarget} is null): b_ih and b_hh enter the same sum, so their gradients are the
     * same column sums. A cell calls it one step's rows at a time, right after computing them,
     * while they are in cache.
     */
    public void addColumnSums(double[] source, int firstRow, int rows, double[] target,
            double[] alsoTarget) {
        int gates = gateWidth / hidden;
        int segments = all() ? 1 : gates;
        int length = all() ? gateWidth : count();
        for (int r = firstRow; r < firstRow + rows; r++) {
            int row = r * gateWidth;
            for (int s = 0; s < segments; s++) {
                int start = s * hidden + from;
                BlockKernels.INSTANCE.addRow(source, row + start, target, alsoTarget, start, length);
            }
        }
    }

    /**
     * A step's recurrent product for the share's units: for every gate block g below
     * {@code gates}, the columns {@code g·H + j} of the {@code rows x (gates·H)} block of
     * {@code target} at {@code targetOffset} (row stride {@code targetStride}) become
     * {@code beta · target + source · W[g·H + j, :]^T}, {@code source} being {@code rows x H} (h_{t-1})
     * and {@code weights} the {@code (gates·H) x H} recurrent matrix. One product for all units,
     * one per gate block for a share.
     */
    public void recurrentProduct(int rows, double[] source, int sourceOffset,
            double[] weights, int gates, double beta, double[] target, int targetOffset, int targetStride) {
        recurrentProduct(rows, source, sourceOffset, weights, 0, gates, beta, target, targetOffset, targetStride);
    }

    /**
     * {@link #recurrentProduct(int, double[], int, double[], int, double, double[], int, int)} for
     * the gate blocks {@code [firstGate, firstGate + gates)} only: their columns of the target and
     * their rows of W (a cell whose gates take different products, such as the MGU's).
     */
    public void recurrentProduct(int rows, double[] source, int sourceOffset, double[] weights, int firstGate,
            int gates, double beta, double[] target, int targetOffset, int targetStride) {
        if (all()) {
            int column = firstGate * hidden;
            products.gemm(false, true, rows, gates * hidden, hidden, 1, source, sourceOffset,
                    hidden, weights, column * hidden, hidden, beta, target, targetOffset + column, targetStride);
            return;
        }
        for (int g = firstGate; g < firstGate + gates; g++) {
            int column = g * hidden + from;
            products.gemm(false, true, rows, count(), hidden, 1, source, sourceOffset, hidden,
                    weights, column * hidden, hidden, beta, target, targetOffset + column, targetStride);
        }
    }

    /**
     * A step's product back through the recurrent weights for the share's units:
     * {@code target[:, j] += source · W[:, j]}, {@code source} being {@code rows x (gates·H)}
     * (row stride {@code sourceStride}; dL/d(gates) of the step), {@code weights} the
     * {@code (gates·H) x H} matrix and {@code target} a hidden-wide block (dL/dh_{t-1}). A share's
     * columns of W are strided, which a BLAS would have to copy at every step; instead each share
     * copies them into a contiguous {@code (gates·H) x units} block of the trace once per backward
     * pass and multiplies by that, as one thread multiplies by W itself. (Its rows of W^T, tried
     * first, multiply by the same numbers in the same order but took OpenBLAS 20 % longer.)
     */
    public void backProduct(int rows, double[] source, int sourceOffset, int sourceStride,
            double[] weights, int gates, WindowTrace window, double[] target, int targetOffset) {
        backProduct(rows, source, sourceOffset, sourceStride, weights, gates, 0, gates, 1, window, target,
                targetOffset);
    }

    /**
     * {@link #backProduct(int, double[], int, int, double[], int, WindowTrace, double[], int)}
     * through the gate blocks {@code [firstGate, firstGate + gates)} of a W of {@code allGates}
     * blocks only, {@code source} holding those blocks' gradients, with
     * {@code target = beta · target + ...}.
     */
    public void backProduct(int rows, double[] source, int sourceOffset, int sourceStride, double[] weights,
            int allGates, int firstGate, int gates, double beta, WindowTrace window, double[] target,
            int targetOffset) {
        int depth = gates * hidden;
        if (all()) {
            products.gemm(false, false, rows, hidden, depth, 1, source, sourceOffset, sourceStride,
                    weights, firstGate * hidden * hidden, hidden, beta, target, targetOffset, hidden);
            return;
        }
        int width = allGates * hidden;
        int count = count();
        // The block sits where this share's rows would in a (width x H) buffer: the shares' blocks
        // do not overlap.
        int block = from * width;
        if (columnsFrom != weights || columnsDepth != width) {
            double[] buffer = window.shareWeights(hidden * width);
            for (int c = 0; c < width; c++) {
                System.arraycopy(weights, c * hidden + from, buffer, block + c * count, count);
            }
            columns = buffer;
            columnsFrom = weights;
            columnsDepth = width;
        }
        products.gemm(false, false, rows, count, depth, 1, source, sourceOffset, sourceStride,
                columns, block + firstGate * hidden * count, count, beta, target, targetOffset + from, hidden);
    }
}
