package org.rnnlab.cell.esn.internal;

import java.util.random.RandomGenerator;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.rnnlab.api.RnnlabException;

/**
 * Draws a reservoir as Jaeger 2001 (section 3.3) and Lukoševičius 2012 (section 3.2) prescribe:
 * a sparse random W rescaled to a target spectral radius, input weights and bias uniform in
 * symmetric ranges. All draws come from the given generator, in a fixed order: W_in row by row,
 * then W row by row (for each row its columns, then their values), then b. So the same
 * generator state builds the same reservoir.
 */
final class Reservoir {
    private Reservoir() {
    }

    /**
     * Overwrites W_in ({@code H x I}), W ({@code H x H}) and b ({@code 1 x H}) and returns the
     * spectral radius of W as measured after rescaling.
     */
    static double build(DMatrixRMaj inputWeights, DMatrixRMaj recurrentWeights, DMatrixRMaj bias,
            ReservoirOptions options, RandomGenerator rng) {
        fillUniform(inputWeights, options.inputScaling(), rng);
        fillSparse(recurrentWeights, options.connectivity(), rng);
        double drawn = spectralRadius(recurrentWeights);
        if (!(drawn > 0 && Double.isFinite(drawn))) {
            throw new RnnlabException("esn: the random reservoir has spectral radius " + drawn
                    + " and cannot be rescaled; raise its connectivity or try another seed");
        }
        double scale = options.radius() / drawn;
        for (int i = 0; i < recurrentWeights.data.length; i++) {
            recurrentWeights.data[i] *= scale;
        }
        fillUniform(bias, options.biasScaling(), rng);
        return spectralRadius(recurrentWeights);
    }

    /** Every entry U(−scale, scale); all zeros, without a draw, when scale is 0. */
    private static void fillUniform(DMatrixRMaj target, double scale, RandomGenerator rng) {
        for (int i = 0; i < target.data.length; i++) {
            target.data[i] = scale == 0 ? 0 : rng.nextDouble(-scale, scale);
        }
    }

    /**
     * Each row keeps round(connectivity · n) entries (at least one), U(−1, 1), in uniformly
     * random distinct columns; every unit has the same fan-in, as in Jaeger's reservoirs.
     */
    private static void fillSparse(DMatrixRMaj w, double connectivity, RandomGenerator rng) {
        int n = w.numCols;
        int kept = Math.max(1, (int) Math.round(connectivity * n));
        int[] columns = new int[n];
        w.zero();
        for (int r = 0; r < w.numRows; r++) {
            for (int c = 0; c < n; c++) {
                columns[c] = c;
            }
            // The first `kept` steps of a Fisher–Yates shuffle: a uniform random set of columns.
            for (int j = 0; j < kept; j++) {
                int pick = j + rng.nextInt(n - j);
                int column = columns[pick];
                columns[pick] = columns[j];
                columns[j] = column;
                w.unsafe_set(r, column, rng.nextDouble(-1, 1));
            }
        }
    }

    /** The largest |eigenvalue| of a square matrix, by EJML's eigen decomposition (Hessenberg, QR). */
    static double spectralRadius(DMatrixRMaj w) {
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(w.numRows, false);
        if (!eigen.decompose(w.copy())) {
            throw new RnnlabException("esn: the eigenvalues of the " + w.numRows + "x" + w.numCols
                    + " reservoir did not converge; try another seed");
        }
        double largest = 0;
        for (int i = 0; i < eigen.getNumberOfEigenvalues(); i++) {
            largest = Math.max(largest, eigen.getEigenvalue(i).getMagnitude());
        }
        return largest;
    }
}
