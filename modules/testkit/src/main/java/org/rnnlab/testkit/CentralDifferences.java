package org.rnnlab.testkit;

import java.util.function.DoubleSupplier;

import org.ejml.data.DMatrixRMaj;

/** Central differences of a scalar loss with respect to the elements of one matrix. */
public final class CentralDifferences {
    /** The step of every finite-difference check of the testkit. */
    public static final double STEP = 1e-6;

    private CentralDifferences() {
    }

    /** dLoss/d(the first {@code rows} rows of {@code variable}), each element perturbed by ±{@link #STEP} in turn. */
    public static DMatrixRMaj gradient(DMatrixRMaj variable, int rows, DoubleSupplier loss) {
        DMatrixRMaj gradient = new DMatrixRMaj(rows, variable.numCols);
        for (int i = 0; i < gradient.data.length; i++) {
            double saved = variable.data[i];
            variable.data[i] = saved + STEP;
            double plus = loss.getAsDouble();
            variable.data[i] = saved - STEP;
            double minus = loss.getAsDouble();
            variable.data[i] = saved;
            gradient.data[i] = (plus - minus) / (2 * STEP);
        }
        return gradient;
    }
}
