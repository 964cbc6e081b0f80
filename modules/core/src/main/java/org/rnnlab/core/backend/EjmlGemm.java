package org.rnnlab.core.backend;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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
        DMatrixRMaj right = load(s.b, b, bOff, ldb, transB ? n : k, transB ? k : n);
        DMatrixRMaj out = s.c;
        out.reshape(m, n);
        if (beta == 0 || k == 0 || alpha == 0) {
            out.zero();
        } else {
            load(out, c, cOff, ldc, m, n);
            CommonOps_DDRM.scale(beta, out);
        }
        if (alpha != 0 && k > 0) {
            if (transA && transB) {
                CommonOps_DDRM.multAddTransAB(alpha, left, right, out);
            } else if (transA) {
                CommonOps_DDRM.multAddTransA(alpha, left, right, out);
            } else if (transB) {
                CommonOps_DDRM.multAddTransB(alpha, left, right, out);
            } else {
                CommonOps_DDRM.multAdd(alpha, left, right, out);
            }
        }
        for (int i = 0; i < m; i++) {
            System.arraycopy(out.data, i * n, c, cOff + i * ldc, n);
        }
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
