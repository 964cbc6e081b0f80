package org.rnnlab.trainer.internal.model;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.ParameterSpec;

/** One parameter of a run's network with its gradient, under its qualified name ({@code l0.weight_hh}). */
public record Parameter(String name, ParameterSpec spec, DMatrixRMaj value, DMatrixRMaj gradient) {
    public Parameter(String name, ParameterSpec spec) {
        this(name, spec, new DMatrixRMaj(spec.rows(), spec.cols()), new DMatrixRMaj(spec.rows(), spec.cols()));
    }
}
