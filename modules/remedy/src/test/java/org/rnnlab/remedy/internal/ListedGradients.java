package org.rnnlab.remedy.internal;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.remedy.ModelGradients;

/** A model of loose parameters (given values and gradients) and no recurrent layers. */
final class ListedGradients implements ModelGradients {
    private final List<ParameterSpec> specs = new ArrayList<>();
    private final List<DMatrixRMaj> values = new ArrayList<>();
    private final List<DMatrixRMaj> gradients = new ArrayList<>();

    ListedGradients add(DMatrixRMaj value, DMatrixRMaj gradient, ParameterRole role, boolean trainable) {
        specs.add(new ParameterSpec("p" + specs.size(), gradient.numRows, gradient.numCols, role, List.of(), trainable));
        values.add(value);
        gradients.add(gradient);
        return this;
    }

    /** A parameter whose value is zero. */
    ListedGradients add(DMatrixRMaj gradient, boolean trainable) {
        return add(new DMatrixRMaj(gradient.numRows, gradient.numCols), gradient, ParameterRole.INPUT_WEIGHTS, trainable);
    }

    ListedGradients add(double... row) {
        return add(new DMatrixRMaj(1, row.length, true, row), true);
    }

    @Override
    public int size() {
        return specs.size();
    }

    @Override
    public String name(int i) {
        return specs.get(i).name();
    }

    @Override
    public ParameterSpec spec(int i) {
        return specs.get(i);
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

    /** The window's loss as a remedy sees it; finite unless a test says otherwise. */
    double loss = 1.0;

    @Override
    public double loss() {
        return loss;
    }
}
