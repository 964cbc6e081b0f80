package org.rnnlab.init.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.Shapes.Block;

/**
 * Saxe, McClelland &amp; Ganguli 2014: a random orthogonal matrix times {@code gain} (default 1).
 * All its singular values are 1, so a linear recurrence neither shrinks nor amplifies the
 * back-propagated gradient at the start of training. A gated parameter gets one independent
 * orthogonal block per gate, since each gate multiplies the state by its own block. A block with
 * fewer rows than columns has orthonormal rows, otherwise orthonormal columns.
 */
@Component(service = Initializer.class, property = {
        Components.NAME + "=orthogonal",
        Components.DESCRIPTION + "=Saxe et al. 2014: a uniformly random orthogonal matrix times gain, one per gate block" })
public class OrthogonalInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        double gain = options.allowOnly("gain").positive("gain", 1);
        return (target, spec, rng) -> fill(target, spec, rng, gain);
    }

    private static void fill(DMatrixRMaj target, ParameterSpec spec, RandomSource rng, double gain) {
        Shapes.requireShape(target, spec);
        for (Block block : Shapes.gateBlocks(spec)) {
            int rows = block.rows();
            int cols = block.cols();
            boolean wide = rows < cols;
            DMatrixRMaj q = haarOrthonormalColumns(Math.max(rows, cols), Math.min(rows, cols), rng);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    target.data[block.at(r, c)] = gain * (wide ? q.unsafe_get(c, r) : q.unsafe_get(r, c));
                }
            }
        }
    }

    /**
     * An m x n (m >= n) matrix with orthonormal columns, uniformly (Haar) distributed: the Q of the
     * QR decomposition of a Gaussian matrix, each column multiplied by the sign of R's diagonal
     * entry. Without that correction Q depends on the QR algorithm's sign convention and is not
     * uniform (Mezzadri 2007, section 5).
     */
    private static DMatrixRMaj haarOrthonormalColumns(int m, int n, RandomSource rng) {
        DMatrixRMaj gaussian = new DMatrixRMaj(m, n);
        for (int i = 0; i < gaussian.getNumElements(); i++) {
            gaussian.data[i] = rng.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
        qr.decompose(gaussian);
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        for (int j = 0; j < n; j++) {
            if (r.unsafe_get(j, j) < 0) {
                for (int i = 0; i < m; i++) {
                    q.unsafe_set(i, j, -q.unsafe_get(i, j));
                }
            }
        }
        return q;
    }
}
