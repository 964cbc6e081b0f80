package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.remedy.ModelGradients;

/** Loose gradient tensors as a gradient remedy sees a model: no layers, zero values, finite loss. */
final class TensorGradients implements ModelGradients {
    private final List<DMatrixRMaj> gradients = new ArrayList<>();
    private final List<DMatrixRMaj> values = new ArrayList<>();

    TensorGradients add(DMatrixRMaj gradient) {
        gradients.add(gradient);
        values.add(new DMatrixRMaj(gradient.numRows, gradient.numCols));
        return this;
    }

    @Override
    public double loss() {
        return 0;
    }

    @Override
    public int size() {
        return gradients.size();
    }

    @Override
    public String name(int i) {
        return "tensor" + i;
    }

    @Override
    public ParameterSpec spec(int i) {
        return ParameterSpec.of(name(i), gradients.get(i).numRows, gradients.get(i).numCols, ParameterRole.INPUT_WEIGHTS);
    }

    @Override
    public DMatrixRMaj value(int i) {
        return values.get(i);
    }

    @Override
    public DMatrixRMaj gradient(int i) {
        return gradients.get(i);
    }

    @Override
    public List<Layer> layers() {
        return List.of();
    }
}
