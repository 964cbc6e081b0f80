package org.rnnlab.core.backend;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.mult.MatrixMatrixMult_DDRM;
import org.rnnlab.api.backend.MatrixBackend;

/**
 * GEMM by EJML's own operations. EJML multiplies whole matrices, so operands addressed by offset
 * and leading dimension are copied into per-thread scratch matrices first (reused, so there is
 * no allocation once they have grown); the copies cost O(mk + kn + mn) against the O(mnk)
 * product.
 */
public final class EjmlGemm implements MatrixBackend {
    public static final EjmlGemm INSTANCE = new EjmlGemm();

    private static final class Scratch {
        final DMatrixRMaj a = new DMatrixRMaj(1, 1);
        final DMatrixRMaj b = new DMatrixRMaj(1, 1);
        final DMatrixRMaj c = new DMatrixRMaj(1, 1);
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        Scratch s = SCRATCH.get();
        DMatrixRMaj left = load(s.a, a, aOff, lda, transA ? k : m, transA ? m : k);
        // op(B) is loaded as it is used (k x n), and the product is always EJML's row-reordered
        // kernel (CommonOps picks by size): every element of C is then summed in the same order
        // however B is stored and however many columns C has, which threads splitting a product
        // by units rely on (Units#backProduct).
        DMatrixRMaj right = transB ? loadTransposed(s.b, b, bOff, ldb, n, k) : load(s.b, b, bOff, ldb, k, n);
        DMatrixRMaj out = s.c;
        out.reshape(m, n);
        if (beta == 0 || k == 0 || alpha == 0) {
            out.zero();
        } else {
            load(out, c, cOff, ldc, m, n);
            CommonOps_DDRM.scale(beta, out);
        }
        if (alpha != 0 && k > 0) {
            if (transA) {
                MatrixMatrixMult_DDRM.multAddTransA_reorder(alpha, left, right, out);
            } else {
                MatrixMatrixMult_DDRM.multAdd_reorder(alpha, left, right, out);
            }
        }
        for (int i = 0; i < m; i++) {
            System.arraycopy(out.data, i * n, c, cOff + i * ldc, n);
        }
    }

    /** Copies the transpose of a rows x cols block (row stride ld) into the scratch matrix. */
    private static DMatrixRMaj loadTransposed(DMatrixRMaj target, double[] data, int offset, int ld, int rows,
            int cols) {
        target.reshape(cols, rows);
        double[] out = target.data;
        for (int i = 0; i < rows; i++) {
            int from = offset + i * ld;
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = data[from + j];
            }
        }
        return target;
    }

    /** Copies a rows x cols block (row stride ld) into the scratch matrix. */
    private static DMatrixRMaj load(DMatrixRMaj target, double[] data, int offset, int ld, int rows, int cols) {
        target.reshape(rows, cols);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, offset + i * ld, target.data, i * cols, cols);
        }
        return target;
    }
}
