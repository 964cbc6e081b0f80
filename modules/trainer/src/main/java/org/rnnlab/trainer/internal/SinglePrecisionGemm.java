package org.rnnlab.trainer.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.rnnlab.api.backend.FloatGemm;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;
import org.rnnlab.trainer.internal.model.ParameterOperands;

/**
 * {@code precision=single}: every product in float32 on the backend's sgemm, everything else in
 * float64, as mixed-precision training does (Micikevicius et al. 2018): the parameters, the
 * optimizer's state and every sum between products (C with beta = 1, e.g. a gradient that
 * windows accumulate) stay float64; only the operands of a product are rounded to float32 and
 * its result is widened back.
 *
 * <p>A parameter is an operand of every time step's product, so it is rounded once and kept until
 * the trainer says the parameters may have changed ({@link #parametersChanged}, before each pass
 * of the network): where the backend lays operands out ({@link FloatGemm#prepareSingle}, the
 * native backend with AVX-512), a product by a parameter multiplies by its float32 layout
 * ({@link ParameterLayouts}), the backend rounding A and widening C itself; elsewhere a float32
 * copy of the parameter is kept here, and the other operand and the result are converted at each
 * call in buffers of the calling thread, so two threads may multiply at once.
 */
final class SinglePrecisionGemm implements MatrixBackend, ParameterOperands {
    private static final double[] PROBE = new double[1];
    private final FloatGemm floats;
    /** The parameters laid out by the backend, or null where it lays out nothing. */
    private final ParameterLayouts layouts;
    /** Float32 copies of the parameter arrays, by identity; replaced whole when the model is rebound. */
    private volatile Map<double[], FixedCopy> fixed = Map.of();
    private volatile long generation;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    SinglePrecisionGemm(FloatGemm floats) {
        this.floats = floats;
        this.layouts = floats.prepareSingle(true, 1, 1, PROBE, 0, 1, null).layout() == null ? null
                : new ParameterLayouts(floats::prepareSingle);
    }

    @Override
    public void parameters(List<double[]> arrays) {
        Map<double[], FixedCopy> copies = new IdentityHashMap<>();
        arrays.forEach(array -> copies.put(array, new FixedCopy(array)));
        fixed = copies;
        generation++;
        if (layouts != null) {
            layouts.parameters(arrays);
        }
    }

    @Override
    public void parametersChanged() {
        generation++;
        if (layouts != null) {
            layouts.changed();
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        PreparedOperand prepared = layouts == null || transA || k == 0 ? null : layouts.of(b, transB, n, k, bOffset, ldb);
        if (prepared != null && prepared.layout() != null) {
            floats.sgemm(m, (float) alpha, a, aOffset, lda, prepared, beta, c, cOffset, ldc);
            return;
        }
        Scratch own = scratch.get();
        float[] result = own.result(m * n);
        if (k > 0) {
            Operand x = operand(a, aOffset, transA ? k : m, transA ? m : k, lda, own, 0);
            Operand y = operand(b, bOffset, transB ? n : k, transB ? k : n, ldb, own, 1);
            floats.sgemm(transA, transB, m, n, k, (float) alpha, x.data, x.offset, x.ld, y.data, y.offset, y.ld, 0,
                    result, 0, n);
        } else {
            java.util.Arrays.fill(result, 0, m * n, 0);
        }
        for (int r = 0; r < m; r++) {
            int row = cOffset + r * ldc;
            int from = r * n;
            if (beta == 0) {
                for (int j = 0; j < n; j++) {
                    c[row + j] = result[from + j];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] = beta * c[row + j] + result[from + j];
                }
            }
        }
    }

    /**
     * An operand as float32: a parameter's kept copy (same offset and stride), else a dense copy of
     * the block into the thread's buffer {@code slot} (0 for A, 1 for B).
     */
    private Operand operand(double[] x, int offset, int rows, int cols, int ld, Scratch own, int slot) {
        FixedCopy copy = fixed.get(x);
        if (copy != null) {
            return new Operand(copy.current(generation), offset, ld);
        }
        float[] dense = own.operand(slot, rows * cols);
        for (int r = 0; r < rows; r++) {
            int from = offset + r * ld;
            int to = r * cols;
            for (int j = 0; j < cols; j++) {
                dense[to + j] = (float) x[from + j];
            }
        }
        return new Operand(dense, 0, cols);
    }

    private record Operand(float[] data, int offset, int ld) {
    }

    /** A parameter array's float32 copy, made again when the generation has moved on. */
    private static final class FixedCopy {
        private final double[] source;
        private float[] copy;
        private long madeAt = -1;

        FixedCopy(double[] source) {
            this.source = source;
        }

        /** The copy, made on first use: where the backend lays parameters out, a product may never need it. */
        synchronized float[] current(long generation) {
            if (copy == null) {
                copy = new float[source.length];
            }
            if (madeAt != generation) {
                for (int i = 0; i < source.length; i++) {
                    copy[i] = (float) source[i];
                }
                madeAt = generation;
            }
            return copy;
        }
    }

    /** One thread's conversion buffers (A, B and the result), grown to the largest product it has seen. */
    private static final class Scratch {
        private final float[][] operands = {new float[0], new float[0]};
        private float[] result = new float[0];

        float[] operand(int slot, int size) {
            if (operands[slot].length < size) {
                operands[slot] = new float[size];
            }
            return operands[slot];
        }

        float[] result(int size) {
            if (result.length < size) {
                result = new float[size];
            }
            return result;
        }
    }
}
