package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;
import org.rnnlab.core.backend.JavaGemm;

/**
 * A backend that lays an operand out as a copy of its array (so a stale layout shows in the
 * product) and multiplies as {@link JavaGemm} does, recording each call: with fresh layouts its
 * results are the java backend's to the bit.
 */
class SnapshotBackend implements MatrixBackend {
    /** The operand given up at each layout, and each layout made. */
    final List<PreparedOperand> given = Collections.synchronizedList(new ArrayList<>());
    final List<PreparedOperand> made = Collections.synchronizedList(new ArrayList<>());
    int plain;

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        plain++;
        JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public PreparedOperand prepare(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
            PreparedOperand previous) {
        given.add(previous);
        double[] copy = previous == null ? new double[b.length] : (double[]) previous.layout();
        System.arraycopy(b, 0, copy, 0, b.length);
        PreparedOperand laidOut = new PreparedOperand(transB, n, k, b, bOffset, ldb, copy);
        made.add(laidOut);
        return laidOut;
    }

    @Override
    public void gemm(int m, double alpha, double[] a, int aOffset, int lda, PreparedOperand b, double beta,
            double[] c, int cOffset, int ldc) {
        JavaGemm.INSTANCE.gemm(false, b.transposed(), m, b.n(), b.k(), alpha, a, aOffset, lda, (double[]) b.layout(),
                b.offset(), b.ld(), beta, c, cOffset, ldc);
    }
}
