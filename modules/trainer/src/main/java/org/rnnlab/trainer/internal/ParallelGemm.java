package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.trainer.internal.model.ParameterOperands;

/**
 * A backend that splits a large product of C among threads ({@code threads=N} in a run spec):
 * by rows of C, except a wide product whose op(B) is a transposed matrix (a step's recurrent
 * product h W_hh^T, B × H by H × GH), which it splits by columns: a column block of C then needs
 * only a block of rows of W_hh, so at small B each thread reads half the weights instead of all
 * of them. (Splitting every wide product by columns was tried: where op(B) is not transposed, a
 * column block is strided, netlib's bounds check makes the native backend copy it, and H = 512
 * fell to 0.5× one thread.) Each element of C is still computed by the wrapped backend from the
 * same operands in the same order, and blocks start at multiples of four (the java kernel's
 * tile), so with the java and ejml backends the results are bit for bit those of one thread.
 * What it is told about the parameters goes on to the backend it wraps.
 */
final class ParallelGemm implements MatrixBackend, ParameterOperands {
    /** Below this many multiply-adds the hand-off costs more than it saves. */
    static final long MINIMUM_WORK = 1L << 16;
    private static final int ALIGNMENT = 4;

    private final MatrixBackend backend;
    private final ExecutorService pool;
    private final int threads;

    ParallelGemm(MatrixBackend backend, ExecutorService pool, int threads) {
        this.backend = backend;
        this.pool = pool;
        this.threads = threads;
    }

    @Override
    public void parameters(java.util.List<double[]> arrays) {
        if (backend instanceof ParameterOperands operands) {
            operands.parameters(arrays);
        }
    }

    @Override
    public void parametersChanged() {
        if (backend instanceof ParameterOperands operands) {
            operands.parametersChanged();
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        boolean byColumns = transB && n > m;
        int block = ((byColumns ? n : m) / threads) / ALIGNMENT * ALIGNMENT;
        if ((long) m * n * k < MINIMUM_WORK || block == 0) {
            backend.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        List<Future<?>> others = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int first = t * block;
            int size = t == threads - 1 ? (byColumns ? n : m) - first : block;
            others.add(pool.submit(() -> part(byColumns, first, size, transA, transB, m, n, k, alpha, a, aOff, lda, b,
                    bOff, ldb, beta, c, cOff, ldc)));
        }
        part(byColumns, 0, block, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RnnlabException("interrupted while multiplying on " + threads + " threads");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                        : new RnnlabException("a matrix product failed: " + e.getCause());
            }
        }
    }

    /** The {@code size} columns (or rows) of C from {@code first}: one thread's share of the product. */
    private void part(boolean byColumns, int first, int size, boolean transA, boolean transB, int m, int n, int k,
            double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c,
            int cOff, int ldc) {
        if (byColumns) {
            backend.gemm(transA, true, m, size, k, alpha, a, aOff, lda, b, bOff + first * ldb, ldb, beta, c,
                    cOff + first, ldc);
        } else {
            backend.gemm(transA, transB, size, n, k, alpha, a, aOff + (transA ? first : first * lda), lda, b, bOff,
                    ldb, beta, c, cOff + first * ldc, ldc);
        }
    }
}
