package org.rnnlab.core.cell;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.backend.BlasOperands;

/**
 * The buffers every window cell records, allocated once for {@code capacity} steps of
 * {@code batch} sequences and reused for every window; a cell's own trace adds what its equations
 * need. Window matrices are time-major (row {@code t * batch + b}), so step t is the block of
 * {@link #block()} values at offset {@code t * block()} of a hidden-wide matrix.
 */
public abstract class WindowTrace implements CellTrace {
    private final int batch;
    private final int capacity;
    private final int inputSize;
    private final int hiddenSize;
    /** x_t, copied: backward needs the inputs for dW_ih and the caller may reuse its matrix. */
    private final DMatrixRMaj inputs;
    /** s_{-1}, copied: the caller's initial state may be {@link #finalState}, which forward overwrites. */
    private final DMatrixRMaj[] initialState;
    private final DMatrixRMaj gates;
    private final DMatrixRMaj gateGradients;
    private final DMatrixRMaj outputs;
    private final DMatrixRMaj[] finalState;
    private final DMatrixRMaj hiddenGradients;
    private final DMatrixRMaj[] initialStateGradients;
    /** Whether the recorded inputs are one-hot rows, and where the 1.0 of each row is. */
    final OneHotInputs oneHot;
    /** Each share's columns of W_hh when threads split the units (Units#backProduct); made on first use. */
    private double[] shareWeights = new double[0];
    private int steps;

    /**
     * @param stateSize  state components (h; or h, c), each {@code batch x hidden}
     * @param gateWidth  columns of the gate buffers: gates times hidden
     */
    protected WindowTrace(int batch, int capacity, int inputSize, int hiddenSize, int stateSize, int gateWidth) {
        if (batch <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("batch and capacity must be positive: " + batch + ", " + capacity);
        }
        this.batch = batch;
        this.capacity = capacity;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        int rows = capacity * batch;
        inputs = new DMatrixRMaj(rows, inputSize);
        initialState = states(stateSize, batch, hiddenSize);
        gates = new DMatrixRMaj(rows, gateWidth);
        gateGradients = BlasOperands.withSpareRow(rows, gateWidth);
        outputs = new DMatrixRMaj(rows, hiddenSize);
        finalState = states(stateSize, batch, hiddenSize);
        hiddenGradients = new DMatrixRMaj(rows, hiddenSize);
        initialStateGradients = states(stateSize, batch, hiddenSize);
        oneHot = new OneHotInputs(rows);
    }

    private static DMatrixRMaj[] states(int count, int batch, int hiddenSize) {
        DMatrixRMaj[] states = new DMatrixRMaj[count];
        for (int s = 0; s < count; s++) {
            states[s] = new DMatrixRMaj(batch, hiddenSize);
        }
        return states;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public DMatrixRMaj outputs() {
        return outputs;
    }

    @Override
    public DMatrixRMaj[] finalState() {
        return finalState;
    }

    @Override
    public DMatrixRMaj hiddenGradients() {
        return hiddenGradients;
    }

    /** The recorded inputs x_t, {@code (capacity * batch) x input}. */
    public DMatrixRMaj inputs() {
        return inputs;
    }

    /** The recorded initial state, one {@code batch x hidden} matrix per component. */
    public DMatrixRMaj[] initialState() {
        return initialState;
    }

    /**
     * {@code (capacity * batch) x (gates * hidden)}: forward first writes the input projections
     * x_t W_ih^T here; the cell then builds its gates on them (and may keep the activated gates
     * for backward).
     */
    public DMatrixRMaj gates() {
        return gates;
    }

    /** After backward: dL/d(x_t W_ih^T), the gradient reaching each gate's input projection. */
    public DMatrixRMaj gateGradients() {
        return gateGradients;
    }

    /** After backward: dL/ds_{-1}, one {@code batch x hidden} matrix per state component. */
    public DMatrixRMaj[] initialStateGradients() {
        return initialStateGradients;
    }

    /** Below this derivative a sigmoid or tanh unit counts as saturated ({@link #saturation()}). */
    public static final double SATURATED_SLOPE = 0.01;

    /**
     * The saturation of the window's recorded activations: the fraction of the sigmoid values in
     * the given gate blocks of {@link #gates()} and of the tanh values in the given gate blocks
     * and in {@code tanhMatrices} (hidden-wide window matrices) whose derivative, read from the
     * value y as y(1 − y) or 1 − y², is below {@link #SATURATED_SLOPE}. For a trace's
     * {@link #saturation()}, after a forward pass.
     *
     * @param sigmoidBlocks indices of gate blocks (hidden columns each) holding activated sigmoids
     * @param tanhBlocks    indices of gate blocks holding activated tanh values
     */
    protected final double saturation(int[] sigmoidBlocks, int[] tanhBlocks, DMatrixRMaj... tanhMatrices) {
        int rows = steps * batch;
        long saturated = 0;
        long total = 0;
        for (int r = 0; r < rows; r++) {
            int rowStart = r * gates.numCols;
            for (int g : sigmoidBlocks) {
                for (int j = 0; j < hiddenSize; j++) {
                    double y = gates.data[rowStart + g * hiddenSize + j];
                    saturated += y * (1 - y) < SATURATED_SLOPE ? 1 : 0;
                }
            }
            for (int g : tanhBlocks) {
                for (int j = 0; j < hiddenSize; j++) {
                    double y = gates.data[rowStart + g * hiddenSize + j];
                    saturated += 1 - y * y < SATURATED_SLOPE ? 1 : 0;
                }
            }
            total += (long) (sigmoidBlocks.length + tanhBlocks.length) * hiddenSize;
        }
        for (DMatrixRMaj m : tanhMatrices) {
            for (int i = 0; i < rows * hiddenSize; i++) {
                double y = m.data[i];
                saturated += 1 - y * y < SATURATED_SLOPE ? 1 : 0;
            }
            total += (long) rows * hiddenSize;
        }
        return total == 0 ? Double.NaN : (double) saturated / total;
    }

    /** Values in one step of a hidden-wide window matrix: batch times hidden. */
    public int block() {
        return batch * hiddenSize;
    }

    /** h_{t-1}: the outputs, or the recorded initial h at t = 0; read from {@link #previousOffset}. */
    public double[] previousHidden(int t) {
        return t > 0 ? outputs.data : initialState[0].data;
    }

    /** Where dL/dh_{t-1} accumulates: the hidden gradients, or dL/dh_{-1} at t = 0. */
    public double[] previousHiddenGradient(int t) {
        return t > 0 ? hiddenGradients.data : initialStateGradients[0].data;
    }

    /** Offset of step t-1 in a hidden-wide window matrix, or 0 in an initial-state matrix. */
    public int previousOffset(int t) {
        return t > 0 ? (t - 1) * block() : 0;
    }

    /**
     * A buffer of at least {@code size} values for the shares' blocks of the recurrent weights,
     * allocated the first time a backward pass splits its units, and kept. Called by every share
     * before any writes to it: the first share to call it may allocate, so the others must see the
     * same array, hence synchronized.
     */
    synchronized double[] shareWeights(int size) {
        if (shareWeights.length < size) {
            shareWeights = new double[size];
        }
        return shareWeights;
    }

    boolean fits(int cellInputSize, int cellHiddenSize) {
        return inputSize == cellInputSize && hiddenSize == cellHiddenSize;
    }

    void recorded(int recordedSteps) {
        steps = recordedSteps;
    }
}
