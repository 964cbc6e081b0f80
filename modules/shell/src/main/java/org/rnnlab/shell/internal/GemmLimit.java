package org.rnnlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.rnnlab.api.RnnlabException;

import org.rnnlab.api.backend.FloatGemm;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;

/**
 * How fast the machine multiplies matrices at a training step's shapes, on the run's own backend
 * and as many cores as the run's threads: the GEMM-bound limit a recurrent layer's training speed
 * is measured against. A window's recurrent products, in the layouts training uses (G is the
 * cell's number of gate blocks):
 * <ul>
 * <li>per time step forward, the batch's states by the transposed recurrent weights
 * (B × H by (GH × H)ᵀ);</li>
 * <li>per time step backward, the gate gradients by the weights (B × GH by GH × H);</li>
 * <li>per window, the weight gradient in two products, as {@code WindowCell} adds it: over the
 * outputs h_0..h_{T-2} ((B(T-1) × GH)ᵀ by B(T-1) × H) and over the initial state
 * ((B × GH)ᵀ by B × H).</li>
 * </ul>
 * The limit is their work divided by the time they take at the speeds measured. (A product's
 * exact shape matters: netlib's VectorBLAS multiplies (2048 × 2048)ᵀ by 2048 × 512 at a fifteenth
 * of its speed at 2016 rows, which training uses.) On more than one thread each multiplies its
 * own block of C at the same time: the window's products by rows, as a run with
 * {@code threads=N} splits them, and the per-step products by columns (each thread its own hidden
 * units), as a run splits them when its batch has fewer sequences than threads or its W_hh is
 * large. Otherwise a run splits them by rows (each thread its own sequences, no exchange between steps), which
 * can be slower for the products alone (OpenBLAS packs all of W at each call and multiplies 16
 * rows at about 83 % of its speed at 32), so the limit stays the faster split's: a bound, not a
 * flattery. The per-step products multiply by weights the backend laid out once, as training
 * does (the native backend's own kernels; on other backends the same products as before).
 * In single precision the products are the backend's sgemm, the per-step ones by its float32
 * layout where it makes one ({@code FloatGemm.prepareSingle}), as training multiplies.
 */
final class GemmLimit {
    /** Gate blocks per cell: the width of its stacked weight matrices in units of H. */
    private static final Map<String, Integer> GATES = Map.of("lstm", 4, "gru", 3, "mgu", 2, "mingru", 2);
    private static final double SECONDS_PER_SHAPE = 0.25;

    /**
     * A product C (m × n) += op(A) (m × k) op(B) (k × n) that a window takes {@code repeats}
     * times, and how threads split C.
     */
    record Shape(boolean transA, boolean transB, int m, int n, int k, boolean byColumns, int repeats) {
        /** This shape with C's rows or columns cut to {@code size}. */
        Shape block(int size) {
            return byColumns ? new Shape(transA, transB, m, size, k, true, repeats)
                    : new Shape(transA, transB, size, n, k, false, repeats);
        }

        /** Floating-point operations of one such product. */
        double operations() {
            return 2.0 * m * n * k;
        }

        int split() {
            return byColumns ? n : m;
        }
    }

    private GemmLimit() {
    }

    static int gates(String cell) {
        return GATES.getOrDefault(cell, 1);
    }

    /** A window's recurrent products, in training's layouts (a window of one step has no outputs' product). */
    static List<Shape> shapes(int batch, int length, int hidden, int gates) {
        int wide = gates * hidden;
        List<Shape> shapes = new ArrayList<>(List.of(new Shape(false, true, batch, wide, hidden, true, length),
                new Shape(false, false, batch, hidden, wide, true, length)));
        if (length > 1) {
            shapes.add(new Shape(true, false, wide, hidden, batch * (length - 1), false, 1));
        }
        shapes.add(new Shape(true, false, wide, hidden, batch, false, 1));
        return shapes;
    }

    /** GFLOP/s of a window's products on {@code threads} cores: their work over their time. */
    static double gflops(MatrixBackend backend, boolean single, int threads, int batch, int length, int hidden,
            int gates) {
        double operations = 0;
        double time = 0;
        for (Shape shape : shapes(batch, length, hidden, gates)) {
            double work = shape.operations() * shape.repeats();
            operations += work;
            time += work / gflops(backend, single, threads, shape);
        }
        return operations / time;
    }

    /**
     * GFLOP/s of {@code shape}, repeated for about a quarter second; on more than one thread, each
     * multiplies its own block of C (whole multiples of four rows or columns, the last taking the
     * rest) from operands of its own, at the same time, without the hand-off a run pays per product.
     */
    static double gflops(MatrixBackend backend, boolean single, int threads, Shape shape) {
        int block = (shape.split() / threads) / 4 * 4;
        int blocks = block == 0 ? 1 : threads;
        List<Callable<Double>> parts = new ArrayList<>();
        for (int t = 0; t < blocks; t++) {
            Shape part = shape.block(t == blocks - 1 ? shape.split() - t * block : block);
            Runnable product = single ? floatProduct((FloatGemm) backend, part) : doubleProduct(backend, part);
            parts.add(() -> speed(product, part.operations()));
        }
        double operations = 0; // per nanosecond, summed over the threads multiplying at once
        if (parts.size() == 1) {
            operations = call(parts.get(0));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(parts.size());
            try {
                for (Future<Double> part : pool.invokeAll(parts)) {
                    operations += part.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RnnlabException("interrupted while measuring the gemm-bound limit");
            } catch (ExecutionException e) {
                throw new RnnlabException("measuring the gemm-bound limit failed: " + e.getCause().getMessage());
            } finally {
                pool.shutdownNow();
            }
        }
        return operations;
    }

    /**
     * Operations per nanosecond of {@code product} over about a quarter second, after as long a
     * warm-up: a plain-Java kernel reaches its speed only once the JIT has compiled it.
     */
    private static double speed(Runnable product, double operationsPerRun) {
        long warm = System.nanoTime();
        do {
            product.run();
        } while (System.nanoTime() - warm < SECONDS_PER_SHAPE * 1e9);
        long start = System.nanoTime();
        long repeats = 0;
        long elapsed;
        do {
            product.run();
            repeats++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < SECONDS_PER_SHAPE * 1e9);
        return operationsPerRun * repeats / elapsed;
    }

    private static double call(Callable<Double> part) {
        try {
            return part.call();
        } catch (Exception e) {
            throw new RnnlabException("measuring the gemm-bound limit failed: " + e.getMessage());
        }
    }

    /**
     * Operands stored as training stores them: op(A) = Aᵀ from a k × m array, op(B) = Bᵀ from an
     * n × k one; a step's product (A not transposed, the weights as B) with the weights laid out
     * once by the backend, as training multiplies by them ({@code PreparedWeights}).
     */
    private static Runnable doubleProduct(MatrixBackend backend, Shape s) {
        double[] a = filled(s.m() * s.k());
        double[] b = filled(s.k() * s.n());
        double[] c = new double[s.m() * s.n()];
        int lda = s.transA() ? s.m() : s.k();
        int ldb = s.transB() ? s.k() : s.n();
        if (!s.transA()) {
            PreparedOperand weights = backend.prepare(s.transB(), s.n(), s.k(), b, 0, ldb, null);
            return () -> backend.gemm(s.m(), 1, a, 0, lda, weights, 1, c, 0, s.n());
        }
        return () -> backend.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1, a, 0, lda, b, 0, ldb, 1, c, 0, s.n());
    }

    private static Runnable floatProduct(FloatGemm backend, Shape s) {
        int lda = s.transA() ? s.m() : s.k();
        int ldb = s.transB() ? s.k() : s.n();
        if (!s.transA()) {
            double[] a = filled(s.m() * s.k());
            PreparedOperand weights = backend.prepareSingle(s.transB(), s.n(), s.k(), filled(s.k() * s.n()), 0, ldb, null);
            if (weights.layout() != null) {
                double[] c = new double[s.m() * s.n()];
                return () -> backend.sgemm(s.m(), 1, a, 0, lda, weights, 1, c, 0, s.n());
            }
        }
        float[] a = toFloats(filled(s.m() * s.k()));
        float[] b = toFloats(filled(s.k() * s.n()));
        float[] c = new float[s.m() * s.n()];
        return () -> backend.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1, a, 0, lda, b, 0, ldb, 1, c, 0, s.n());
    }

    private static double[] filled(int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = ((i * 2654435761L) % 1000) / 1000.0 - 0.5; // fixed, varied, no denormals
        }
        return values;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
