package org.rnnlab.core.cell;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.Shares;

/**
 * The part of a window's recurrence one thread computes: the hidden units {@code [from, to)} of
 * the sequences {@code [firstSequence, endSequence)} of the batch, for every step. A cell writes
 * its equations for such a share: its elementwise loops run over the share's sequences and units
 * (the helpers below touch only those), every product of a step goes through
 * {@link #recurrentProduct} and {@link #backProduct}, which multiply the share's rows into its
 * output columns, and it calls {@link #awaitOthers} once a step's results are written, before
 * anything reads other units of them. Each element is computed from the same operands in the
 * same order whatever the share.
 *
 * <p>Threads split the batch when every thread can have a sequence of its own and the recurrent
 * weights are not too large ({@link #SEQUENCES_UP_TO_WEIGHT_BYTES}, or
 * {@link #SEQUENCES_UP_TO_LAID_OUT_WEIGHT_BYTES} where the products lay W out once): a sequence's recurrence reads
 * no other sequence, so the shares run the whole window without meeting and {@link #awaitOthers}
 * returns at once. Otherwise they split the units and meet at every step, each product's output
 * columns being a share's units. With one
 * thread the share is everything and nothing waits. Work over a whole window's rows, such as the
 * bias gradients' column sums, runs on {@link #columns()}: the share's units of every sequence.
 *
 * <p>Unit shares start at multiples of four units, so the vector kernels and the java backend's
 * 4 x 4 tiles keep their full width.
 */
public final class Units {
    private static final int ALIGNMENT = 4;
    /**
     * The largest recurrent weight matrix (G·H × H doubles, in bytes) whose window threads split by
     * sequences. Each such thread multiplies its rows by all of W at every step, and the BLAS
     * packs an operand at every call, so each thread moves all of W once per step where a share of
     * the units moves its own block; a share of the units instead reads half of the step's h and
     * dL/d(gates) from the other core, which is slow when the cores share no cache. Measured here
     * (README, "Two threads"): an LSTM at H = 384 (4.5 MiB) ran faster split by sequences, at
     * H = 512 (8 MiB) 6–8 % slower with the cores near and no faster with them far.
     */
    static final long SEQUENCES_UP_TO_WEIGHT_BYTES = 6L << 20;

    /**
     * The same bound where the products lay W out once per pass ({@code MatrixBackend.prepare}, the
     * native backend with AVX-512): then a 16-row share multiplies as fast per row as 32 rows and the
     * threads read one copy of W, so the split by sequences, which never meets, stays ahead up to
     * larger W. Measured here with the cores near (README, "Two threads"): an LSTM at H = 512
     * (8 MiB) 11.5–11.8k tokens/s split by sequences against 10.4–10.8k by units, at H = 640
     * (12.5 MiB) 7,356 against 7,359, at H = 768 (18 MiB) 5,410 against 4,610.
     */
    static final long SEQUENCES_UP_TO_LAID_OUT_WEIGHT_BYTES = 20L << 20;

    /** Whether a backend lays out operands, asked once per backend (the answer is a property of its kind). */
    private static final Map<MatrixBackend, Boolean> LAYS_OUT = Collections.synchronizedMap(new WeakHashMap<>());
    private static final double[] PROBE = new double[1];

    private final int from;
    private final int to;
    private final int firstSequence;
    private final int endSequence;
    private final int batch;
    private final int hidden;
    /** Columns of the gate buffers: gates times hidden. */
    private final int gateWidth;
    private final MatrixBackend products;
    private final Shares.Share share;
    /** This share's units of every sequence, for work over the window's rows; made on first use. */
    private Units columns;
    /** This share's columns of W in the trace, and the W they were taken from ({@link #backProduct}). */
    private double[] weightColumns;
    private double[] weightColumnsFrom;
    private int weightColumnsDepth;

    private Units(int from, int to, int firstSequence, int endSequence, int batch, int hidden, int gateWidth,
            MatrixBackend products, Shares.Share share) {
        this.from = from;
        this.to = to;
        this.firstSequence = firstSequence;
        this.endSequence = endSequence;
        this.batch = batch;
        this.hidden = hidden;
        this.gateWidth = gateWidth;
        this.products = products;
        this.share = share;
    }

    /** All units of all {@code batch} sequences on the calling thread. */
    static Units all(int batch, int hidden, int gateWidth, MatrixBackend products) {
        return new Units(0, hidden, 0, batch, batch, hidden, gateWidth, products, null);
    }

    /**
     * The share's part of a window of {@code batch} sequences of {@code hidden} units: a block of
     * the sequences when each share can have one and W is at most
     * {@link #SEQUENCES_UP_TO_WEIGHT_BYTES} ({@link #SEQUENCES_UP_TO_LAID_OUT_WEIGHT_BYTES} where the
     * products lay W out once) (the last takes the rest), else a block of the units aligned to four
     * (the last takes the rest).
     */
    static Units of(Shares.Share share, int batch, int hidden, int gateWidth) {
        int count = share.count();
        if (count == 1) {
            return all(batch, hidden, gateWidth, share.products());
        }
        long largest = laysOut(share.products()) ? SEQUENCES_UP_TO_LAID_OUT_WEIGHT_BYTES : SEQUENCES_UP_TO_WEIGHT_BYTES;
        if (batch >= count && (long) gateWidth * hidden * Double.BYTES <= largest) {
            int block = batch / count;
            int first = share.index() * block;
            int end = share.index() == count - 1 ? batch : first + block;
            return new Units(0, hidden, first, end, batch, hidden, gateWidth, share.products(), share);
        }
        return unitBlock(share, batch, hidden, gateWidth);
    }

    /**
     * Whether {@code products} lay operands out ({@code MatrixBackend.prepare} gives a layout: the
     * native backend with AVX-512); asked once per backend, whose kind decides it. The split here and
     * the trainer's choice to lay parameters out ask the same question.
     *
     * @since 4.1
     */
    public static boolean laysOut(MatrixBackend products) {
        return LAYS_OUT.computeIfAbsent(products, p -> p.prepare(true, 1, 1, PROBE, 0, 1, null).layout() != null);
    }

    /** The share's block of the units, aligned to four, of every sequence; the last share takes the rest. */
    private static Units unitBlock(Shares.Share share, int batch, int hidden, int gateWidth) {
        int count = share.count();
        int block = Math.max(ALIGNMENT, hidden / count / ALIGNMENT * ALIGNMENT);
        int from = Math.min(hidden, share.index() * block);
        int to = share.index() == count - 1 ? hidden : Math.min(hidden, from + block);
        return new Units(from, to, 0, batch, batch, hidden, gateWidth, share.products(), share);
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

    /** Whether the share holds every unit (one thread, or a split of the sequences). */
    public boolean all() {
        return from == 0 && to == hidden;
    }

    /** The share's first sequence (row of a step). */
    public int firstSequence() {
        return firstSequence;
    }

    /** One past the share's last sequence. */
    public int endSequence() {
        return endSequence;
    }

    /** How many sequences the share holds. */
    public int sequences() {
        return endSequence - firstSequence;
    }

    /** Whether the share holds every sequence of the batch. */
    boolean allSequences() {
        return firstSequence == 0 && endSequence == batch;
    }

    /**
     * The share's units of every sequence, for work over a window's rows once the recurrence is
     * done ({@link #addColumnSums}, the one-hot input gradient): the share itself unless it splits
     * the sequences; then its block of units, as if the threads had split the units. Call
     * {@link #awaitWindow} first when that work reads rows other shares wrote.
     */
    Units columns() {
        if (allSequences()) {
            return this;
        }
        if (columns == null) {
            columns = unitBlock(share, batch, hidden, gateWidth);
        }
        return columns;
    }

    /**
     * When the shares split the sequences, waits until every share has written what precedes this
     * call (between the recurrence, which reads only the share's own rows, and work on
     * {@link #columns()}, which reads every row of its columns); otherwise returns at once.
     */
    void awaitWindow() {
        if (!allSequences()) {
            share.awaitOthers();
        }
    }

    /** Where this share's products go: on its own thread. */
    public MatrixBackend products() {
        return products;
    }

    /**
     * Waits until every share has written what precedes this call, when shares split the units
     * (see {@link Shares.Share#awaitOthers}); returns at once when they split the sequences, as a
     * share then reads only rows it wrote itself.
     */
    public void awaitOthers() {
        if (share != null && allSequences()) {
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
     * Adds {@code vector} to the share's columns of gate blocks {@code [0, gates)} in the share's
     * rows among the {@code rows} gate rows from row {@code firstRow}.
     */
    public void addToRows(double[] target, int firstRow, int rows, int gates,
            double[] vector) {
        int segments = all() ? 1 : gates;
        int length = all() ? gates * hidden : count();
        for (int r = firstRow; r < firstRow + rows; r++) {
            if (!owns(r)) {
                continue;
            }
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
     * the share's columns of gate blocks {@code [0, gates)} of its rows among the {@code rows} gate
     * rows from row {@code firstRow}: the cell's first write to those rows, with {@code gates} every gate block
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
            if (!owns(r)) {
                continue;
            }
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

    /** Whether window row {@code r} (step {@code r / batch}, sequence {@code r % batch}) is the share's. */
    private boolean owns(int r) {
        int sequence = r % batch;
        return sequence >= firstSequence && sequence < endSequence;
    }

    /**
     * {@code target[j] += Σ_r source[r][j]} over the {@code rows} gate rows from {@code firstRow},
     * for the share's columns of every gate block: a bias gradient. Each column is summed in the
     * same order whatever the share, so it is summed over every sequence: on a share that holds
     * them all, such as {@link WindowCell#addOtherBiasGradients}' columns.
     *
     * @throws IllegalStateException on a share of the sequences
     */
    public void addColumnSums(double[] source, int firstRow, int rows, double[] target) {
        addColumnSums(source, firstRow, rows, target, null);
    }

    /**
     * {@link #addColumnSums(double[], int, int, double[])} into two targets at once (or one,
     * if {@code alsoTarget} is null): b_ih and b_hh enter the same sum, so their gradients are the
     * same column sums.
     */
    public void addColumnSums(double[] source, int firstRow, int rows, double[] target,
            double[] alsoTarget) {
        if (!allSequences()) {
            throw new IllegalStateException("a column sum needs every sequence; this share holds "
                    + firstSequence + " to " + endSequence + " of " + batch);
        }
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
     * A step's recurrent product for the share: for every gate block g below {@code gates}, the
     * columns {@code g·H + j} (j the share's units) of the share's rows of the {@code batch x (gates·H)}
     * block of {@code target} at {@code targetOffset} (row stride {@code targetStride}) become
     * {@code beta · target + source · W[g·H + j, :]^T}, {@code source} being the step's
     * {@code batch x H} block (h_{t-1}) and {@code weights} the {@code (gates·H) x H} recurrent
     * matrix. One product when the share holds every unit, one per gate block otherwise.
     */
    public void recurrentProduct(double[] source, int sourceOffset, double[] weights, int gates, double beta,
            double[] target, int targetOffset, int targetStride) {
        recurrentProduct(source, sourceOffset, weights, 0, gates, beta, target, targetOffset, targetStride);
    }

    /**
     * {@link #recurrentProduct(double[], int, double[], int, double, double[], int, int)} for
     * the gate blocks {@code [firstGate, firstGate + gates)} only: their columns of the target and
     * their rows of W (a cell whose gates take different products, such as the MGU's).
     */
    public void recurrentProduct(double[] source, int sourceOffset, double[] weights, int firstGate, int gates,
            double beta, double[] target, int targetOffset, int targetStride) {
        int rows = sequences();
        sourceOffset += firstSequence * hidden;
        targetOffset += firstSequence * targetStride;
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
     * A step's product back through the recurrent weights for the share's rows and units:
     * {@code target[:, j] += source · W[:, j]}, {@code source} being the step's
     * {@code batch x (gates·H)} block (row stride {@code sourceStride}; dL/d(gates) of the step),
     * {@code weights} the {@code (gates·H) x H} matrix and {@code target} a hidden-wide
     * {@code batch x H} block (dL/dh_{t-1}). A share's
     * columns of W are strided, which a BLAS would have to copy at every step; instead each share
     * copies them into a contiguous {@code (gates·H) x units} block of the trace once per backward
     * pass and multiplies by that, as one thread multiplies by W itself. (Its rows of W^T, tried
     * first, multiply by the same numbers in the same order but took OpenBLAS 20 % longer.)
     */
    public void backProduct(double[] source, int sourceOffset, int sourceStride, double[] weights, int gates,
            WindowTrace window, double[] target, int targetOffset) {
        backProduct(source, sourceOffset, sourceStride, weights, gates, 0, gates, 1, window, target, targetOffset);
    }

    /**
     * {@link #backProduct(double[], int, int, double[], int, WindowTrace, double[], int)}
     * through the gate blocks {@code [firstGate, firstGate + gates)} of a W of {@code allGates}
     * blocks only, {@code source} holding those blocks' gradients, with
     * {@code target = beta · target + ...}.
     */
    public void backProduct(double[] source, int sourceOffset, int sourceStride, double[] weights, int allGates,
            int firstGate, int gates, double beta, WindowTrace window, double[] target, int targetOffset) {
        int rows = sequences();
        sourceOffset += firstSequence * sourceStride;
        targetOffset += firstSequence * hidden;
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
        if (weightColumnsFrom != weights || weightColumnsDepth != width) {
            double[] buffer = window.shareWeights(hidden * width);
            for (int c = 0; c < width; c++) {
                System.arraycopy(weights, c * hidden + from, buffer, block + c * count, count);
            }
            weightColumns = buffer;
            weightColumnsFrom = weights;
            weightColumnsDepth = width;
        }
        products.gemm(false, false, rows, count, depth, 1, source, sourceOffset, sourceStride,
                weightColumns, block + firstGate * hidden * count, count, beta, target, targetOffset + from, hidden);
    }
}
