package org.rnnlab.trainer.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.trainer.MemoryCapacity;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Workspace;

/**
 * Measures memory capacity (Jaeger 2002) on a run's own model, in buffers of its own: one
 * sequence of i.i.d. inputs u_t, uniform in [−0.5, 0.5] on input channel 0 (the others zero),
 * from a generator seeded by the run's seed; the top layer's states after a washout; for each
 * delay k a ridge readout fitted on the first part and scored on the rest by the squared
 * correlation of its recall with u_{t−k}.
 */
final class MemoryProbe {
    static final int WASHOUT = 200;
    static final int FIT = 4000;
    static final int TEST = 2000;
    /** Ridge λ relative to the mean diagonal of the states' Gram matrix: regularizes without biasing. */
    static final double RELATIVE_RIDGE = 1e-9;

    private MemoryProbe() {
    }

    static MemoryCapacity measure(TrainingState state, String run, int delays) {
        if (delays < 1 || delays > 10_000) {
            throw new RnnlabException("delays=" + delays + " is not accepted; expected an integer in [1, 10000]");
        }
        Network network = state.network;
        int steps = WASHOUT + FIT + TEST;
        Workspace ws = network.newWorkspace(1, steps, Readout.EVERY);
        DMatrixRMaj inputs = new DMatrixRMaj(steps, network.inputSize);
        double[] u = new double[steps];
        Xoshiro256 rng = Xoshiro256.stream(state.spec.seed(), "memory");
        for (int t = 0; t < steps; t++) {
            u[t] = rng.nextDouble() - 0.5;
            inputs.set(t, 0, u[t]);
        }
        ws.startFrom(ws.newState());
        state.blame.run(state.composition.cellLabel, () -> network.forward(ws, inputs, Readout.EVERY));
        DMatrixRMaj top = ws.output(network.layers() - 1);
        int features = top.numCols;
        int first = WASHOUT;
        DMatrixRMaj fitX = rows(top, first, FIT);
        DMatrixRMaj testX = rows(top, first + FIT, TEST);
        DMatrixRMaj fitY = new DMatrixRMaj(FIT, delays);
        DMatrixRMaj testY = new DMatrixRMaj(TEST, delays);
        for (int k = 1; k <= delays; k++) {
            for (int i = 0; i < FIT; i++) {
                fitY.set(i, k - 1, delayed(u, first + i, k));
            }
            for (int i = 0; i < TEST; i++) {
                testY.set(i, k - 1, delayed(u, first + FIT + i, k));
            }
        }
        DMatrixRMaj weights = ridge(fitX, fitY);
        DMatrixRMaj recall = new DMatrixRMaj(TEST, delays);
        CommonOps_DDRM.mult(testX, weights, recall);
        double[] perDelay = new double[delays];
        double total = 0;
        for (int k = 0; k < delays; k++) {
            perDelay[k] = squaredCorrelation(recall, testY, k);
            total += perDelay[k];
        }
        return new MemoryCapacity(run, state.step, total, perDelay, features);
    }

    /** u_{t−k}, or 0 before the sequence began. */
    private static double delayed(double[] u, int t, int k) {
        return t - k >= 0 ? u[t - k] : 0;
    }

    /** Rows [from, from + count) of the states, with a constant 1 appended (the readout's bias). */
    private static DMatrixRMaj rows(DMatrixRMaj states, int from, int count) {
        int features = states.numCols;
        DMatrixRMaj x = new DMatrixRMaj(count, features + 1);
        for (int i = 0; i < count; i++) {
            System.arraycopy(states.data, (from + i) * features, x.data, i * (features + 1), features);
            x.data[i * (features + 1) + features] = 1;
        }
        return x;
    }

    /** W = (XᵀX + λI)⁻¹ XᵀY, every delay's readout at once. */
    private static DMatrixRMaj ridge(DMatrixRMaj x, DMatrixRMaj y) {
        DMatrixRMaj gram = new DMatrixRMaj(x.numCols, x.numCols);
        CommonOps_DDRM.multTransA(x, x, gram);
        double lambda = RELATIVE_RIDGE * CommonOps_DDRM.trace(gram) / gram.numRows + Double.MIN_NORMAL;
        for (int i = 0; i < gram.numRows; i++) {
            gram.add(i, i, lambda);
        }
        DMatrixRMaj cross = new DMatrixRMaj(x.numCols, y.numCols);
        CommonOps_DDRM.multTransA(x, y, cross);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(gram.numRows);
        if (!solver.setA(gram)) {
            throw new RnnlabException("the model's states do not vary with its input; no memory to measure");
        }
        DMatrixRMaj weights = new DMatrixRMaj(x.numCols, y.numCols);
        solver.solve(cross, weights);
        return weights;
    }

    /** The squared Pearson correlation of column k of a and b (0 when either is constant). */
    static double squaredCorrelation(DMatrixRMaj a, DMatrixRMaj b, int k) {
        int n = a.numRows;
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < n; i++) {
            meanA += a.get(i, k);
            meanB += b.get(i, k);
        }
        meanA /= n;
        meanB /= n;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < n; i++) {
            double da = a.get(i, k) - meanA;
            double db = b.get(i, k) - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }
        return varA == 0 || varB == 0 ? 0 : cov * cov / (varA * varB);
    }
}
