package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.remedy.ModelGradients;

/**
 * Loose parameters as a gradient remedy sees a model: given values and gradients, named p0, p1,
 * ..., no recurrent layers, and a finite loss unless {@link #withLoss} says otherwise. For testing
 * a remedy without a network.
 */
public final class LooseGradients implements ModelGradients {
    private final List<ParameterSpec> specs = new ArrayList<>();
    private final List<DMatrixRMaj> values = new ArrayList<>();
    private final List<DMatrixRMaj> gradients = new ArrayList<>();
    private double loss = 1.0;

    public LooseGradients add(DMatrixRMaj value, DMatrixRMaj gradient, ParameterRole role, boolean trainable) {
        specs.add(new ParameterSpec("p" + specs.size(), gradient.numRows, gradient.numCols, role, List.of(), trainable));
        values.add(value);
        gradients.add(gradient);
        return this;
    }

    /** A parameter of input weights whose value is zero. */
    public LooseGradients add(DMatrixRMaj gradient, boolean trainable) {
        return add(new DMatrixRMaj(gradient.numRows, gradient.numCols), gradient, ParameterRole.INPUT_WEIGHTS, trainable);
    }

    /** A trainable 1 x n parameter with this gradient and value zero. */
    public LooseGradients add(double... gradient) {
        return add(new DMatrixRMaj(1, gradient.length, true, gradient), true);
    }

    /** The window's loss as the remedy sees it (1 until set). */
    public LooseGradients withLoss(double value) {
        loss = value;
        return this;
    }

    @Override
    public double loss() {
        return loss;
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
}
