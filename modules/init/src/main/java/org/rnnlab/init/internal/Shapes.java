package org.rnnlab.init.internal;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.ParameterSpec;

/** Shape checks shared by the initializers. */
final class Shapes {
    private Shapes() {
    }

    /**
     * A caller's bug, not a user's: the matrix to fill must have the parameter's shape, and gate
     * blocks must split its rows evenly.
     */
    static void requireShape(DMatrixRMaj target, ParameterSpec spec) {
        if (target.numRows != spec.rows() || target.numCols != spec.cols()) {
            throw new IllegalArgumentException(spec.name() + ": expected a " + spec.rows() + "x" + spec.cols()
                    + " matrix, got " + target.numRows + "x" + target.numCols);
        }
        if (!spec.gates().isEmpty() && spec.rows() % spec.gates().size() != 0) {
            throw new IllegalArgumentException(spec.name() + ": " + spec.rows() + " rows do not split into "
                    + spec.gates().size() + " gate blocks");
        }
    }
}
