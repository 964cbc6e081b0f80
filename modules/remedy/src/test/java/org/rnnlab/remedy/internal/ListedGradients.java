package org.rnnlab.remedy.internal;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.remedy.ModelGradients;

/** A model of loose parameters (zero values, given gradients) and no recurrent layers. */
final class ListedGradients implements ModelGradients {
    private final List<ParameterSpec> specs = new ArrayList<>();
    private final List<DMatrixRMaj> gradients = new ArrayList<>();

    ListedGradients add(DMatrixRMaj gradient, boolean trainable) {
        specs.add(new ParameterSpec("p" + specs.size(), gradient.numRows, gradient.numCols,
                ParameterRole.INPUT_WEIGHTS, List.of(), trainable));
        gradients.add(gradient);
        return this;
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
        return new DMatrixRMaj(specs.get(i).rows(), specs.get(i).cols());
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
