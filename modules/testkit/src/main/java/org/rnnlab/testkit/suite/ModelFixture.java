package org.rnnlab.testkit.suite;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.remedy.ModelGradients;
import org.rnnlab.testkit.CellMatrices;
import org.rnnlab.core.random.Xoshiro256;

/**
 * A model as a remedy sees it, made of random matrices: an Elman layer's four parameters and a
 * head, with gradients, and no recurrent layers (a remedy that needs traces is checked in a run).
 */
final class ModelFixture implements ModelGradients {
    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.of("weight_ih", 4, 3, ParameterRole.INPUT_WEIGHTS),
            ParameterSpec.of("weight_hh", 4, 4, ParameterRole.RECURRENT_WEIGHTS),
            ParameterSpec.of("bias_ih", 1, 4, ParameterRole.BIAS),
            ParameterSpec.of("bias_hh", 1, 4, ParameterRole.BIAS),
            ParameterSpec.of("weight", 2, 4, ParameterRole.OUTPUT_WEIGHTS),
            ParameterSpec.of("bias", 1, 2, ParameterRole.OUTPUT_BIAS));
    private static final List<String> NAMES = List.of("l0.weight_ih", "l0.weight_hh", "l0.bias_ih", "l0.bias_hh",
            "head.weight", "head.bias");

    final DMatrixRMaj[] values;
    final DMatrixRMaj[] gradients;

    /** Values from N(0, 1) and gradients from N(0, gradientScale²). */
    ModelFixture(long seed, double gradientScale) {
        Xoshiro256 random = new Xoshiro256(seed);
        values = new DMatrixRMaj[SPECS.size()];
        gradients = new DMatrixRMaj[SPECS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = CellMatrices.gaussian(SPECS.get(i).rows(), SPECS.get(i).cols(), 1, random);
            gradients[i] = CellMatrices.gaussian(SPECS.get(i).rows(), SPECS.get(i).cols(), gradientScale, random);
        }
    }

    /** A copy of the values with zero gradients: evaluating a penalty on it leaves this model's gradients alone. */
    ModelFixture withZeroGradients() {
        ModelFixture copy = new ModelFixture(0, 0);
        for (int i = 0; i < values.length; i++) {
            copy.values[i].setTo(values[i]);
        }
        return copy;
    }

    @Override
    public double loss() {
        return 1.0;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public String name(int i) {
        return NAMES.get(i);
    }

    @Override
    public ParameterSpec spec(int i) {
        return SPECS.get(i);
    }

    @Override
    public DMatrixRMaj value(int i) {
        return values[i];
    }

    @Override
    public DMatrixRMaj gradient(int i) {
        return gradients[i];
    }

    @Override
    public List<Layer> layers() {
        return List.of();
    }
}
