package org.rnnlab.trainer.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.task.Readout;

/**
 * Buffers for windows of up to {@code capacity} steps of {@code batch} sequences through a
 * {@link Network}, allocated once and reused for every window (no allocation on the hot path).
 * {@link #steps} is the length of the current window.
 */
final class Workspace {
    final int batch;
    final int capacity;
    private final Readout readout;
    int steps;
    final CellTrace[][] traces;
    /** The state each direction starts a window from: zeros, or carried from the last window. */
    final org.ejml.data.DMatrixRMaj[][][] initialState;
    final DMatrixRMaj[] layerOutput;
    final DMatrixRMaj[] reversedInput;
    final DMatrixRMaj[] outputGradient;
    /** Per layer and direction, so the two directions can run on two threads. */
    final DMatrixRMaj[][] directionInputGradient;
    final DMatrixRMaj[] directionGradient;
    final DMatrixRMaj predictions;
    final DMatrixRMaj predictionGradient;

    Workspace(Network net, int batch, int capacity, Readout readout) {
        this.batch = batch;
        this.capacity = capacity;
        this.steps = capacity;
        this.readout = readout;
        int steps = capacity;
        int layers = net.layers();
        int directions = net.directions;
        int rows = steps * batch;
        int features = directions * net.hidden;
        traces = new CellTrace[layers][directions];
        initialState = new DMatrixRMaj[layers][directions][];
        layerOutput = new DMatrixRMaj[layers];
        reversedInput = new DMatrixRMaj[layers];
        outputGradient = new DMatrixRMaj[layers];
        directionInputGradient = new DMatrixRMaj[layers][directions];
        for (int l = 0; l < layers; l++) {
            int width = l == 0 ? net.inputSize : features;
            for (int d = 0; d < directions; d++) {
                traces[l][d] = net.units[l][d].cell.newTrace(batch, steps);
                initialState[l][d] = new DMatrixRMaj[net.units[l][d].cell.stateSize()];
                for (int s = 0; s < initialState[l][d].length; s++) {
                    initialState[l][d][s] = new DMatrixRMaj(batch, net.hidden);
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
            directionGradient[d] = new DMatrixRMaj(rows, net.hidden);
        }
        int positions = readout == Readout.LAST ? batch : rows;
        predictions = new DMatrixRMaj(positions, net.outputSize);
        predictionGradient = new DMatrixRMaj(positions, net.outputSize);
    }

    /** Sets the length of the next window (at most the capacity); sizes the predictions to it. */
    void window(int length) {
        if (length < 1 || length > capacity) {
            throw new IllegalArgumentException("window of " + length + " steps in a workspace of " + capacity);
        }
        steps = length;
        int positions = readout == Readout.LAST ? batch : length * batch;
        predictions.reshape(positions, predictions.numCols);
        predictionGradient.reshape(positions, predictionGradient.numCols);
    }

    /** Layer l's output sequence, both directions concatenated. */
    DMatrixRMaj output(int l) {
        return layerOutput[l] != null ? layerOutput[l] : traces[l][0].outputs();
    }

    /** Starts the next window from zero state (independent sequences). */
    void resetState() {
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
    void startFrom(DMatrixRMaj[][] state) {
        resetState();
        for (int l = 0; l < traces.length; l++) {
            for (int s = 0; s < state[l].length; s++) {
                initialState[l][0][s].setTo(state[l][s]);
            }
        }
    }

    /** Copies the forward direction's state after the last window into {@code state}. */
    void saveFinalState(DMatrixRMaj[][] state) {
        for (int l = 0; l < traces.length; l++) {
            DMatrixRMaj[] last = traces[l][0].finalState();
            for (int s = 0; s < last.length; s++) {
                state[l][s].setTo(last[s]);
            }
        }
    }

    /** A zero state shaped for {@link #startFrom}. */
    DMatrixRMaj[][] newState() {
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
