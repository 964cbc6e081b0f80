package org.rnnlab.trainer.internal.model;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.task.Readout;
import org.rnnlab.core.backend.BlasOperands;

/**
 * Buffers for windows of up to {@code capacity} steps of {@code batch} sequences through a
 * network ({@link Network#newWorkspace}), allocated once and reused for every window (no
 * allocation on the hot path). It knows the network's shape, not the network.
 * {@link #steps} is the length of the current window.
 */
public final class Workspace {
    public final int batch;
    public final int capacity;
    private final Readout readout;
    public int steps;
    public final CellTrace[][] traces;
    /** The state each direction starts a window from: zeros, or carried from the last window. */
    public final org.ejml.data.DMatrixRMaj[][][] initialState;
    public final DMatrixRMaj[] layerOutput;
    public final DMatrixRMaj[] reversedInput;
    public final DMatrixRMaj[] outputGradient;
    /** Per layer and direction, so the two directions can run on two threads. */
    public final DMatrixRMaj[][] directionInputGradient;
    public final DMatrixRMaj[] directionGradient;
    public final DMatrixRMaj predictions;
    public final DMatrixRMaj predictionGradient;
    /** Per prediction row, its loss term and hit: summed in row order once every row is scored ({@link Objective}). */
    public final double[] rowTerms;

    /**
     * @param cells      the kernels by layer and direction (they make the traces)
     * @param inputSize  the first layer's input width; later layers read both directions' outputs
     */
    Workspace(org.rnnlab.api.cell.Cell[][] cells, int inputSize, int hidden, int outputSize, int batch, int capacity,
            Readout readout) {
        this.batch = batch;
        this.capacity = capacity;
        this.steps = capacity;
        this.readout = readout;
        int steps = capacity;
        int layers = cells.length;
        int directions = cells[0].length;
        int rows = steps * batch;
        int features = directions * hidden;
        traces = new CellTrace[layers][directions];
        initialState = new DMatrixRMaj[layers][directions][];
        layerOutput = new DMatrixRMaj[layers];
        reversedInput = new DMatrixRMaj[layers];
        outputGradient = new DMatrixRMaj[layers];
        directionInputGradient = new DMatrixRMaj[layers][directions];
        for (int l = 0; l < layers; l++) {
            int width = l == 0 ? inputSize : features;
            for (int d = 0; d < directions; d++) {
                traces[l][d] = cells[l][d].newTrace(batch, steps);
                initialState[l][d] = new DMatrixRMaj[cells[l][d].stateSize()];
                for (int s = 0; s < initialState[l][d].length; s++) {
                    initialState[l][d][s] = new DMatrixRMaj(batch, hidden);
                }
            }
            outputGradient[l] = new DMatrixRMaj(rows, features);
            if (directions == 2) {
                layerOutput[l] = new DMatrixRMaj(rows, features);
                reversedInput[l] = new DMatrixRMaj(rows, width);
                for (int d = 0; d < directions; d++) {
                    directionInputGradient[l][d] = new DMatrixRMaj(rows, width);
                }
            }
        }
        directionGradient = new DMatrixRMaj[directions];
        for (int d = 0; d < directions && directions == 2; d++) {
            directionGradient[d] = new DMatrixRMaj(rows, hidden);
        }
        int positions = readout == Readout.LAST ? batch : rows;
        predictions = new DMatrixRMaj(positions, outputSize);
        predictionGradient = BlasOperands.withSpareRow(positions, outputSize);
        rowTerms = new double[2 * positions];
    }

    /** Sets the length of the next window (at most the capacity); sizes the predictions to it. */
    public void window(int length) {
        if (length < 1 || length > capacity) {
            throw new IllegalArgumentException("window of " + length + " steps in a workspace of " + capacity);
        }
        steps = length;
        int positions = readout == Readout.LAST ? batch : length * batch;
        predictions.reshape(positions, predictions.numCols);
        predictionGradient.reshape(positions, predictionGradient.numCols);
    }

    /** Layer l's output sequence, both directions concatenated. */
    public DMatrixRMaj output(int l) {
        return layerOutput[l] != null ? layerOutput[l] : traces[l][0].outputs();
    }

    /** Starts the next window from zero state (independent sequences). */
    public void resetState() {
        for (DMatrixRMaj[][] layer : initialState) {
            for (DMatrixRMaj[] direction : layer) {
                for (DMatrixRMaj s : direction) {
                    s.zero();
                }
            }
        }
    }

    /**
     * Starts the next window from {@code state} (per layer, the forward direction's state
     * components). A backward direction always starts a window from zero: it reads the window in
     * reverse, so its state cannot come from the past (README, "Truncated BPTT").
     */
    public void startFrom(DMatrixRMaj[][] state) {
        resetState();
        for (int l = 0; l < traces.length; l++) {
            for (int s = 0; s < state[l].length; s++) {
                initialState[l][0][s].setTo(state[l][s]);
            }
        }
    }

    /** Copies the forward direction's state after the last window into {@code state}. */
    public void saveFinalState(DMatrixRMaj[][] state) {
        for (int l = 0; l < traces.length; l++) {
            DMatrixRMaj[] last = traces[l][0].finalState();
            for (int s = 0; s < last.length; s++) {
                state[l][s].setTo(last[s]);
            }
        }
    }

    /** A zero state shaped for {@link #startFrom}. */
    public DMatrixRMaj[][] newState() {
        DMatrixRMaj[][] state = new DMatrixRMaj[traces.length][];
        for (int l = 0; l < traces.length; l++) {
            state[l] = new DMatrixRMaj[initialState[l][0].length];
            for (int s = 0; s < state[l].length; s++) {
                state[l][s] = new DMatrixRMaj(batch, initialState[l][0][s].numCols);
            }
        }
        return state;
    }
}
