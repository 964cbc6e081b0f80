package org.rnnlab.trainer.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;

/**
 * The head fitted in closed form by ridge regression, as echo state networks are trained
 * (Jaeger 2001; Lukoševičius 2012, eq. 9): with features x = (h, 1) of every counted target
 * position, W = (Σ x xᵀ + λI)⁻¹ Σ x yᵀ. The sums grow with every batch, so each step refits on
 * all the data seen so far; cross-entropy tasks regress onto one-hot targets.
 */
final class RidgeReadout {
    private final int features;
    private final int outputs;
    private final DMatrixRMaj gram;
    private final DMatrixRMaj cross;
    private final DMatrixRMaj rowsX;
    private final DMatrixRMaj rowsY;
    private final DMatrixRMaj system;
    private final DMatrixRMaj solution;
    private final LinearSolverDense<DMatrixRMaj> solver;

    RidgeReadout(int features, int outputs, int maxRows) {
        this.features = features;
        this.outputs = outputs;
        gram = new DMatrixRMaj(features + 1, features + 1);
        cross = new DMatrixRMaj(features + 1, outputs);
        rowsX = new DMatrixRMaj(maxRows, features + 1);
        rowsY = new DMatrixRMaj(maxRows, outputs);
        system = new DMatrixRMaj(features + 1, features + 1);
        solution = new DMatrixRMaj(features + 1, outputs);
        solver = LinearSolverFactory_DDRM.chol(features + 1);
    }

    boolean fits(int featureCount, int outputCount, int maxRows) {
        return featureCount == features && outputCount == outputs && maxRows <= rowsX.numRows;
    }

    /** The running sums, by name, for checkpoints. */
    DMatrixRMaj gram() {
        return gram;
    }

    DMatrixRMaj cross() {
        return cross;
    }

    /**
     * Adds the {@code rows} feature rows of {@code top} starting at {@code offset} (one per target
     * position of {@code batch}), each weighted by its mask, to the sums.
     */
    void accumulate(DMatrixRMaj top, int offset, int rows, Batch batch) {
        rowsX.reshape(rows, features + 1);
        rowsY.reshape(rows, outputs);
        rowsY.zero();
        for (int r = 0; r < rows; r++) {
            double weight = Math.sqrt(batch.mask()[r]);
            for (int j = 0; j < features; j++) {
                rowsX.data[r * (features + 1) + j] = weight * top.data[offset + r * features + j];
            }
            rowsX.data[r * (features + 1) + features] = weight;
            if (batch.targets() != null) {
                for (int o = 0; o < outputs; o++) {
                    rowsY.data[r * outputs + o] = weight * batch.targets().data[r * outputs + o];
                }
            } else {
                rowsY.data[r * outputs + batch.labels()[r]] = weight;
            }
        }
        CommonOps_DDRM.multAddTransA(rowsX, rowsX, gram);
        CommonOps_DDRM.multAddTransA(rowsX, rowsY, cross);
    }

    /** Solves for the head from the sums so far and writes it into the head's parameters. */
    void solve(double lambda, DMatrixRMaj headWeight, DMatrixRMaj headBias) {
        system.setTo(gram);
        for (int i = 0; i <= features; i++) {
            system.add(i, i, lambda);
        }
        if (!solver.setA(system)) {
            throw new RnnlabException("the ridge system is singular (no data yet, or features that never vary); "
                    + "raise ridge= above " + lambda);
        }
        solver.solve(cross, solution);
        for (int o = 0; o < outputs; o++) {
            for (int j = 0; j < features; j++) {
                headWeight.data[o * features + j] = solution.get(j, o);
            }
            headBias.data[o] = solution.get(features, o);
        }
    }
}
