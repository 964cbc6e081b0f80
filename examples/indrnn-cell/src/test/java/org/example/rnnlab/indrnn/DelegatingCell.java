package org.example.rnnlab.indrnn;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterSpec;

/** A cell that forwards every call to another: the broken copies override the one call they break. */
class DelegatingCell implements Cell {
    final Cell delegate;

    DelegatingCell(Cell delegate) {
        this.delegate = delegate;
    }

    @Override
    public int inputSize() {
        return delegate.inputSize();
    }

    @Override
    public int hiddenSize() {
        return delegate.hiddenSize();
    }

    @Override
    public List<ParameterSpec> parameters() {
        return delegate.parameters();
    }

    @Override
    public int stateSize() {
        return delegate.stateSize();
    }

    @Override
    public CellTrace newTrace(int batch, int capacity) {
        return delegate.newTrace(batch, capacity);
    }

    @Override
    public void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState, CellTrace trace) {
        delegate.forward(params, inputs, steps, initialState, trace);
    }

    @Override
    public void backward(DMatrixRMaj[] params, CellTrace trace, DMatrixRMaj gradOutputs, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, DMatrixRMaj gradInputs, DMatrixRMaj[] gradInitialState) {
        delegate.backward(params, trace, gradOutputs, gradFinalState, gradParams, gradInputs, gradInitialState);
    }

    @Override
    public void stateVjp(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        delegate.stateVjp(params, trace, t, v, out);
    }

    @Override
    public void stateVjpParameterGradient(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        delegate.stateVjpParameterGradient(params, trace, t, v, w, gradParams);
    }
}
