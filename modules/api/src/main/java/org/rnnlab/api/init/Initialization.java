package org.rnnlab.api.init;

import org.ejml.data.DMatrixRMaj;
import org.osgi.annotation.versioning.ConsumerType;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.cell.ParameterSpec;

/** An initializer with validated options: immutable, so a run may keep and reuse it. */
@ConsumerType
public interface Initialization {
    /**
     * Overwrites {@code target} (shaped as {@code spec}) with initial values, drawing every random
     * number from {@code rng}, so the same seed gives the same parameters.
     */
    void fill(DMatrixRMaj target, ParameterSpec spec, RandomSource rng);
}
