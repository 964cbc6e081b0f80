package org.rnnlab.shell.internal;

import java.util.Map;

import org.rnnlab.api.backend.MatrixBackend;

/**
 * How fast the machine multiplies matrices at a training step's shapes, on the run's own backend
 * and one core: the GEMM-bound limit a recurrent layer's training speed is measured against.
 * A step spends its products in two shapes, weighted equally here: per time step, the batch's
 * states by the recurrent weights (B × H by H × GH), and per window, the weight gradients
 * (GH × BT by BT × H), where G is the cell's number of gate blocks.
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

    /** GFLOP/s of the step's two shapes, as the time-weighted mean of their speeds. */
    static double gflops(MatrixBackend backend, int batch, int length, int hidden, int gates) {
        double perStep = gflops(backend, batch, gates * hidden, hidden);
        double perWindow = gflops(backend, gates * hidden, hidden, batch * length);
        return 2 / (1 / perStep + 1 / perWindow);
    }

    /** GFLOP/s of C (m × n) += A (m × k) B (k × n), repeated for about a quarter second. */
    static double gflops(MatrixBackend backend, int m, int n, int k) {
        double[] a = filled(m * k);
        double[] b = filled(k * n);
        double[] c = new double[m * n];
        backend.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c, 0, n); // warm-up
        long start = System.nanoTime();
        long repeats = 0;
        long elapsed;
        do {
            backend.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 1, c, 0, n);
            repeats++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < SECONDS_PER_SHAPE * 1e9);
        return 2.0 * m * n * k * repeats / elapsed;
    }

    private static double[] filled(int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = ((i * 2654435761L) % 1000) / 1000.0 - 0.5; // fixed, varied, no denormals
        }
        return values;
    }
}
