package org.example.rnnlab.indrnn;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.CellTrace;

/**
 * One window of an IndRNN, allocated once per run and reused: its own copies of the inputs and
 * the initial state (the caller reuses its matrices once forward returns), the pre-activations
 * z_t = W x_t + u ⊙ h_{t−1} + b that backward differentiates relu at, the outputs, and the
 * gradients backward leaves behind.
 */
final class IndRnnTrace implements CellTrace {
    final int batch;
    final int capacity;
    final DMatrixRMaj inputs;
    final DMatrixRMaj initial;
    final DMatrixRMaj preActivations;
    final DMatrixRMaj outputs;
    final DMatrixRMaj hiddenGradients;
    final DMatrixRMaj preActivationGradients;
    final DMatrixRMaj[] finalState;
    int steps;

    IndRnnTrace(int batch, int capacity, int input, int hidden) {
        this.batch = batch;
        this.capacity = capacity;
        this.inputs = new DMatrixRMaj(capacity * batch, input);
        this.initial = new DMatrixRMaj(batch, hidden);
        this.preActivations = new DMatrixRMaj(capacity * batch, hidden);
        this.outputs = new DMatrixRMaj(capacity * batch, hidden);
        this.hiddenGradients = new DMatrixRMaj(capacity * batch, hidden);
        this.preActivationGradients = new DMatrixRMaj(capacity * batch, hidden);
        this.finalState = new DMatrixRMaj[] {new DMatrixRMaj(batch, hidden)};
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
}
