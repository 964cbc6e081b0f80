package org.rnnlab.trainer.internal;

import java.util.List;

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
    /** Each parameter array's float32 copy (a whole-array "layout" made here), for the other products. */
    private final ParameterLayouts copies = new ParameterLayouts(SinglePrecisionGemm::rounded);
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    SinglePrecisionGemm(FloatGemm floats) {
        this.floats = floats;
        this.layouts = floats.prepareSingle(true, 1, 1, PROBE, 0, 1, null).layout() == null ? null
                : new ParameterLayouts(floats::prepareSingle);
    }

    @Override
    public void parameters(List<double[]> arrays) {
        copies.parameters(arrays);
        if (layouts != null) {
            layouts.parameters(arrays);
        }
    }

    @Override
    public void parametersChanged() {
        copies.changed();
        if (layouts != null) {
            layouts.changed();
        }
    }

    /** The whole array rounded to float32, into {@code previous}'s copy when there is one. */
    private static PreparedOperand rounded(boolean transB, int n, int k, double[] b, int offset, int ld,
            PreparedOperand previous) {
        float[] copy = previous == null ? new float[b.length] : (float[]) previous.layout();
        for (int i = 0; i < b.length; i++) {
            copy[i] = (float) b[i];
        }
        return new PreparedOperand(transB, n, k, b, offset, ld, copy);
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
        PreparedOperand copy = copies.of(x, false, 0, 0, 0, 0); // one copy of the whole array, whatever the block
        if (copy != null) {
            return new Operand((float[]) copy.layout(), offset, ld);
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
