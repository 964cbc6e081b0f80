package org.rnnlab.trainer.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.task.Readout;

/**
 * Buffers for windows of {@code steps} steps of {@code batch} sequences through a
 * {@link Network}, allocated once and reused for every step (no allocation on the hot path).
 */
final class Workspace {
    final int batch;
    final int steps;
    final CellTrace[][] traces;
    /** The state each direction starts a window from: zeros, or carried from the last window. */
    final org.ejml.data.DMatrixRMaj[][][] initialState;
    final DMatrixRMaj[] layerOutput;
    final DMatrixRMaj[] reversedInput;
    final DMatrixRMaj[] outputGradient;
    final DMatrixRMaj[] directionInputGradient;
    final DMatrixRMaj directionGradient;
    final DMatrixRMaj predictions;
    final DMatrixRMaj predictionGradient;

    Workspace(Network net, int batch, int steps, Readout readout) {
        this.batch = batch;
        this.steps = steps;
        int layers = net.layers();
        int directions = net.directions;
        int rows = steps * batch;
        int features = directions * net.hidden;
        traces = new CellTrace[layers][directions];
        initialState = new DMatrixRMaj[layers][directions][];
        layerOutput = new DMatrixRMaj[layers];
        reversedInput = new DMatrixRMaj[layers];
        outputGradient = new DMatrixRMaj[layers];
        directionInputGradient = new DMatrixRMaj[layers];
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
                directionInputGradient[l] = new DMatrixRMaj(rows, width);
            }
        }
        directionGradient = directions == 2 ? new DMatrixRMaj(rows, net.hidden) : null;
        int positions = readout == Readout.LAST ? batch : rows;
        predictions = new DMatrixRMaj(positions, net.outputSize);
        predictionGradient = new DMatrixRMaj(positions, net.outputSize);
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

    /** Starts the next window from where the last one ended (continuous sequences). */
    void carryState() {
        for (int l = 0; l < traces.length; l++) {
            for (int d = 0; d < traces[l].length; d++) {
                DMatrixRMaj[] last = traces[l][d].finalState();
                for (int s = 0; s < last.length; s++) {
                    initialState[l][d][s].setTo(last[s]);
                }
            }
        }
    }
}
