package org.rnnlab.trainer.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.rnnlab.api.backend.PreparedOperand;

/**
 * The parameters as a backend laid them out for one kind of product ({@link PreparedWeights} in
 * float64, {@link SinglePrecisionGemm} in float32, which also keeps its own float32 copies here):
 * each parameter array's layouts, made on first use, one per block
 * of it that products read (a cell whose gates take different products reads two), made again
 * into the same storage when the trainer says the parameters may have changed (before each
 * pass), so a step allocates nothing. Two threads that take a share each of a step's rows use one
 * layout, made by whichever asks first.
 */
final class ParameterLayouts {
    /** How the backend lays op(B) out: {@code MatrixBackend.prepare} or {@code FloatGemm.prepareSingle}. */
    @FunctionalInterface
    interface Preparer {
        PreparedOperand prepare(boolean transB, int n, int k, double[] b, int offset, int ld, PreparedOperand previous);
    }

    private final Preparer preparer;
    /** Each parameter array's layouts, by identity; replaced whole when the model is rebound. */
    private volatile Map<double[], Layouts> parameters = Map.of();
    private volatile long generation;

    ParameterLayouts(Preparer preparer) {
        this.preparer = preparer;
    }

    /** The model's parameter arrays (after a rebinding): none laid out yet. */
    void parameters(List<double[]> arrays) {
        Map<double[], Layouts> layouts = new IdentityHashMap<>();
        arrays.forEach(array -> layouts.put(array, new Layouts()));
        parameters = layouts;
        generation++;
    }

    /** The parameters may have changed: every layout is made again when next asked for. */
    void changed() {
        generation++;
    }

    /** op(B)'s current layout when {@code b} is a parameter array, else null. */
    PreparedOperand of(double[] b, boolean transB, int n, int k, int offset, int ld) {
        Layouts layouts = parameters.get(b);
        return layouts == null ? null : layouts.current(preparer, generation, transB, n, k, b, offset, ld);
    }

    /** One parameter array's layouts, each made again when the generation has moved on. */
    private static final class Layouts {
        private PreparedOperand[] made = new PreparedOperand[0];
        private long[] madeAt = new long[0];

        synchronized PreparedOperand current(Preparer preparer, long generation, boolean transB, int n, int k,
                double[] b, int offset, int ld) {
            int i = 0;
            while (i < made.length && !same(made[i], transB, n, k, offset, ld)) {
                i++;
            }
            if (i == made.length) {
                PreparedOperand first = preparer.prepare(transB, n, k, b, offset, ld, null); // a refusal adds nothing
                made = java.util.Arrays.copyOf(made, i + 1);
                madeAt = java.util.Arrays.copyOf(madeAt, i + 1);
                made[i] = first;
                madeAt[i] = generation;
            } else if (madeAt[i] != generation) {
                made[i] = preparer.prepare(transB, n, k, b, offset, ld, made[i]);
                madeAt[i] = generation;
            }
            return made[i];
        }

        private static boolean same(PreparedOperand p, boolean transB, int n, int k, int offset, int ld) {
            return p.transposed() == transB && p.n() == n && p.k() == k && p.offset() == offset && p.ld() == ld;
        }
    }
}
