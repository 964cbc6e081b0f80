package org.rnnlab.api.cell;

import org.rnnlab.api.Options;
import org.rnnlab.api.backend.MatrixBackend;

/**
 * What a {@link CellType} needs to make a kernel: sizes, the cell's own options (already
 * separated from the run's other keys) and the matrix backend its heavy products must use.
 */
public record CellSpec(int inputSize, int hiddenSize, Options options, MatrixBackend backend) {
    public CellSpec {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException("sizes must be positive: input " + inputSize + ", hidden " + hiddenSize);
        }
    }
}
