package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.Shares;
import org.rnnlab.trainer.internal.model.ParameterOperands;

/**
 * A backend that splits a large product of C among threads ({@code threads=N} in a run spec):
 * by rows of C, except a wide product whose op(B) is a transposed matrix (a step's recurrent
 * product h W_hh^T, B × H by H × GH), which it splits by columns: a column block of C then needs
 * only a block of rows of W_hh, so at small B each thread reads half the weights instead of all
 * of them. (Splitting every wide product by columns was tried: where op(B) is not transposed, a
 * column block is strided, netlib's bounds check makes the native backend copy it, and H = 512
 * fell to 0.5× one thread.) A row block of a product with a transposed A (dW_hh = dA^T h) is a
 * strided column block of A too: the window matrices that are such operands keep a spare row
 * ({@code BlasOperands}), so netlib reads them in place. Each element of C is still computed by the wrapped backend from the
 * same operands in the same order, and blocks start at multiples of four (the java kernel's
 * tile), so with the java and ejml backends the results are bit for bit those of one thread.
 * What it is told about the parameters goes on to the backend it wraps.
 *
 * <p>It also lends its threads to cells that split a window's recurrence by hidden units
 * ({@link Shares}): those shares multiply on the wrapped backend, on their own thread, and meet
 * at a {@link StepBarrier} once per step. One region at a time: a cell reached while another holds the
 * threads (the other direction of a bidirectional layer) runs as one share, and a product asked
 * for while the threads are lent is not split.
 */
final class ParallelGemm implements Wrapping, ParameterOperands, Shares {
    /** Below this many multiply-adds the hand-off costs more than it saves. */
    static final long MINIMUM_WORK = 1L << 16;
    private static final int ALIGNMENT = 4;

    private final MatrixBackend backend;
    private final ExecutorService pool;
    private final int threads;
    private final AtomicBoolean lent = new AtomicBoolean();

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
    public MatrixBackend wrapped() {
        return backend;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        boolean byColumns = transB && n > m;
        int block = ((byColumns ? n : m) / threads) / ALIGNMENT * ALIGNMENT;
        // While the threads are lent (a region's shares, or the two directions of a layer), every
        // caller already has a thread of its own.
        if ((long) m * n * k < MINIMUM_WORK || block == 0 || lent.get()) {
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
        rethrow(awaitAll(others));
    }

    @Override
    public void run(Work work) {
        if (!lent.compareAndSet(false, true)) {
            work.run(new ThreadShare(0, 1, null));
            return;
        }
        try {
            StepBarrier step = new StepBarrier(threads);
            List<Future<?>> others = new ArrayList<>();
            try {
                for (int t = 1; t < threads; t++) {
                    ThreadShare share = new ThreadShare(t, threads, step);
                    others.add(pool.submit(() -> share.runOrStopOthers(work)));
                }
            } catch (RuntimeException | Error e) {
                // Release the shares already started before saying why the others did not start.
                step.stop();
                awaitAll(others);
                if (e instanceof java.util.concurrent.RejectedExecutionException) {
                    throw new RnnlabException("the trainer is stopping: its compute threads are shut down");
                }
                throw e;
            }
            Throwable failure = null;
            try {
                new ThreadShare(0, threads, step).runOrStopOthers(work);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            Throwable other = awaitAll(others);
            // A share stopped because another failed reports the other's failure, not its own stop.
            if (failure == null || failure instanceof StoppedShare) {
                failure = other != null ? other : failure;
            }
            rethrow(failure);
        } finally {
            lent.set(false);
        }
    }

    /**
     * Waits for every future, an interrupt included (the computations are still writing to what
     * the caller will read; the interrupt is kept for the caller); returns the first failure (a
     * computation's own, else a stop), or null. Errors are returned as they are, so whoever reports
     * a failing component sees it.
     */
    private Throwable awaitAll(List<Future<?>> futures) {
        Throwable first = null;
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (first == null || first instanceof StoppedShare && !(cause instanceof StoppedShare)) {
                        first = cause;
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return first;
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            // A checked exception thrown without being declared: said in one line, as the rest.
            throw new RnnlabException("a computation on another thread failed"
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage()), failure);
        }
    }

    /** One thread's share: products on the wrapped backend, the region's barrier between steps. */
    private final class ThreadShare implements Share {
        private final int index;
        private final int count;
        private final StepBarrier step;

        ThreadShare(int index, int count, StepBarrier step) {
            this.index = index;
            this.count = count;
            this.step = step;
        }

        /**
         * Runs the work, then leaves the barrier (the others may meet more often); if it fails in
         * any way, stops the barrier so the others stop waiting for this one.
         */
        void runOrStopOthers(Work work) {
            try {
                work.run(this);
            } catch (Throwable e) {
                step.stop();
                rethrow(e);
            }
            step.leave();
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public MatrixBackend products() {
            return backend;
        }

        @Override
        public void awaitOthers() {
            if (step != null && !step.await()) {
                throw new StoppedShare();
            }
        }
    }

    /** Thrown in a share whose partner failed: the partner's failure is the one reported. */
    private static final class StoppedShare extends RnnlabException {
        private static final long serialVersionUID = 1L;

        StoppedShare() {
            super("stopped: the computation on another thread failed");
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
