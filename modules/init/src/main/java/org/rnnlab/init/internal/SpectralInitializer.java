package org.rnnlab.init.internal;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.Shapes.Block;

/**
 * A random Gaussian matrix, optionally sparse, rescaled so that its spectral radius (largest
 * |eigenvalue|) is {@code radius}: the reservoir of an echo state network (Jaeger 2001, whose
 * recipe for the echo state property is a radius below 1) and the "smart" initialization of Pascanu, Mikolov &amp;
 * Bengio 2013, whose sparse recurrent matrices keep a fixed number of inputs per unit. Sparsity
 * is per row: every row keeps round(connectivity * n) entries (at least one) in random columns,
 * so each unit has the same fan-in. One matrix per square gate block; other blocks are refused.
 * Options: radius (default 0.95), and sparsity (fraction of zeros, in [0, 1), default 0) or
 * connectivity (fraction kept, in (0, 1], = 1 - sparsity).
 */
@Component(service = Initializer.class, property = {
        Components.NAME + "=spectral",
        Components.DESCRIPTION + "=random (sparse) Gaussian matrix rescaled to spectral radius (ESN, Pascanu et al. 2013); options radius, sparsity" })
public class SpectralInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        options.allowOnly("radius", "sparsity", "connectivity");
        InitOptions.eitherOr(options, "sparsity", "connectivity");
        double radius = options.positive("radius", 0.95);
        double connectivity = options.has("sparsity") ? 1 - InitOptions.fractionBelowOne(options, "sparsity", 0)
                : InitOptions.fractionAboveZero(options, "connectivity", 1);
        return (target, spec, rng) -> fill(target, spec, rng, radius, connectivity);
    }

    private static void fill(DMatrixRMaj target, ParameterSpec spec, RandomSource rng, double radius,
            double connectivity) {
        Shapes.requireShape(target, spec);
        for (Block block : Shapes.gateBlocks(spec)) {
            if (block.rows() != block.cols()) {
                throw new RnnlabException("spectral: " + spec.name() + " has " + block.rows() + "x" + block.cols()
                        + (spec.gates().isEmpty() ? "" : " gate") + " blocks, but a spectral radius needs square ones;"
                        + " use spectral for recurrent weights (init.recurrent=spectral)");
            }
            DMatrixRMaj w = randomMatrix(block.rows(), connectivity, rng);
            double scale = radius / spectralRadius(w, spec);
            for (int i = 0; i < block.size(); i++) {
                target.data[block.offset() + i] = scale * w.data[i];
            }
        }
    }

    /** An n x n matrix whose rows each hold the same number of N(0, 1) entries in random columns. */
    private static DMatrixRMaj randomMatrix(int n, double connectivity, RandomSource rng) {
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        int kept = Math.max(1, (int) Math.round(connectivity * n));
        if (kept == n) {
            for (int i = 0; i < w.data.length; i++) {
                w.data[i] = rng.nextGaussian();
            }
            return w;
        }
        int[] columns = new int[n];
        for (int c = 0; c < n; c++) {
            columns[c] = c;
        }
        for (int r = 0; r < n; r++) {
            // The first `kept` steps of a Fisher-Yates shuffle: a uniformly random set of columns.
            for (int j = 0; j < kept; j++) {
                int pick = j + rng.nextInt(n - j);
                int column = columns[pick];
                columns[pick] = columns[j];
                columns[j] = column;
                w.unsafe_set(r, column, rng.nextGaussian());
            }
        }
        return w;
    }

    /** The largest |eigenvalue| of {@code w}, from EJML's (Hessenberg QR) eigen decomposition. */
    private static double spectralRadius(DMatrixRMaj w, ParameterSpec spec) {
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(w.numRows, false);
        if (!eigen.decompose(w.copy())) {
            throw new RnnlabException("spectral: the eigenvalues of a random block of " + spec.name()
                    + " did not converge; try another seed");
        }
        double largest = 0;
        for (int i = 0; i < eigen.getNumberOfEigenvalues(); i++) {
            Complex_F64 lambda = eigen.getEigenvalue(i);
            largest = Math.max(largest, lambda.getMagnitude());
        }
        if (!(largest > 0 && Double.isFinite(largest))) {
            throw new RnnlabException("spectral: a random block of " + spec.name() + " has spectral radius " + largest
                    + " and cannot be rescaled; lower its sparsity");
        }
        return largest;
    }
}
