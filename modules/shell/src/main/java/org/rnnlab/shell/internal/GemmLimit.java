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

/**
 * How fast the machine multiplies matrices at a training step's shapes, on the run's own backend
 * and as many cores as the run's threads: the GEMM-bound limit a recurrent layer's training speed
 * is measured against.
 * A step spends its products in two shapes, weighted equally here: per time step, the batch's
 * states by the recurrent weights (B × H by H × GH), and per window, the weight gradients
 * (GH × BT by BT × H), where G is the cell's number of gate blocks. In single precision the
 * products are the backend's sgemm.
 */
final class GemmLimit {
    /** Gate blocks per cell: the width of its stacked weight matrices in units of H. */
    private static final Map<String, Integer> GATES = Map.of("lstm", 4, "gru", 3, "mgu", 2, "mingru", 2);
    private static final double SECONDS_PER_SHAPE = 0.25;

    private GemmLimit() {
    }

    static int gates(String cell) {
        return GATES.getOrDefault(cell, 1);
    }

    /** GFLOP/s of the step's two shapes on {@code threads} cores, as the time-weighted mean of their speeds. */
    static double gflops(MatrixBackend backend, boolean single, int threads, int batch, int length, int hidden,
            int gates) {
        double perStep = gflops(backend, single, threads, batch, gates * hidden, hidden);
        double perWindow = gflops(backend, single, threads, gates * hidden, hidden, batch * length);
        return 2 / (1 / perStep + 1 / perWindow);
    }

    /**
     * GFLOP/s of C (m × n) += A (m × k) B (k × n), repeated for about a quarter second; on more
     * than one thread, each multiplies its own block of C's rows at the same time (a run with
     * {@code threads=N} splits most products so; h W_hh^T it splits by columns), without the
     * hand-off a run pays per product.
     */
    static double gflops(MatrixBackend backend, boolean single, int threads, int m, int n, int k) {
        // Blocks of whole multiples of four rows, the last one taking the rest.
        int block = (m / threads) / 4 * 4;
        int blocks = block == 0 ? 1 : threads;
        List<Callable<Double>> parts = new ArrayList<>();
        for (int t = 0; t < blocks; t++) {
            int rows = t == blocks - 1 ? m - t * block : block;
            Runnable product = single ? floatProduct((FloatGemm) backend, rows, n, k) : doubleProduct(backend, rows, n, k);
            parts.add(() -> speed(product, 2.0 * rows * n * k));
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

    private static Runnable doubleProduct(MatrixBackend backend, int m, int n, int k) {
        double[] a = filled(m * k);
        double[] b = filled(k * n);
        double[] c = new double[m * n];
        return () -> backend.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 1, c, 0, n);
    }

    private static Runnable floatProduct(FloatGemm backend, int m, int n, int k) {
        float[] a = toFloats(filled(m * k));
        float[] b = toFloats(filled(k * n));
        float[] c = new float[m * n];
        return () -> backend.sgemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 1, c, 0, n);
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
