package org.rnnlab.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * One thread's share of an LSTM step's recurrent product with {@code threads=2}, on the system's
 * BLAS alone: h (32 x H) times half of the gate columns of W_hh^T (H x 2H), into the gate rows,
 * as {@code native} runs it. With {@code copies=1} the thread multiplies by the same weights every
 * time, so they stay in its core's cache; with {@code copies=8} it cycles through eight, so they
 * come from the cache both cores share, as a thread's half of W_hh does in training (the window's
 * other matrices evict it between steps). Run with {@code -t 1} and {@code -t 2}: each thread has
 * its own operands. Needs libopenblas0 (or another libblas.so.3); {@code OPENBLAS_NUM_THREADS=1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class StepProductBenchmark {
    private static final int BATCH = 32;

    @Param({ "256" })
    public int hidden;

    @Param({ "1", "8" })
    public int copies;

    private BLAS blas;
    private double[] state;
    private double[][] weights;
    private double[] gates;
    private int next;

    @Setup
    public void setUp() {
        blas = NativeBLAS.getInstance();
        int columns = 2 * hidden;
        state = new double[BATCH * hidden];
        Arrays.fill(state, 0.01);
        weights = new double[copies][columns * hidden];
        for (double[] w : weights) {
            Arrays.fill(w, 0.02);
        }
        gates = new double[BATCH * columns];
    }

    /** gates += h W^T, row-major (so column-major W^T h^T for netlib). */
    @Benchmark
    public double[] shareOfAStep() {
        int columns = 2 * hidden;
        double[] w = weights[next];
        next = (next + 1) % copies;
        blas.dgemm("T", "N", columns, BATCH, hidden, 1.0, w, 0, hidden, state, 0, hidden, 1.0, gates, 0, columns);
        return gates;
    }
}
