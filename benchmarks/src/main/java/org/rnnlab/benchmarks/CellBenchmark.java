package org.rnnlab.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.core.backend.JavaGemm;
import org.rnnlab.testkit.CellMatrices;
import org.rnnlab.testkit.DeclarativeComponents;

/**
 * Forward plus backward through one window of {@link #STEPS} steps for {@link #BATCH} sequences,
 * per cell type and hidden size, on the plain-Java GEMM backend. The input size equals the hidden
 * size. The backward pass is the one the trainer runs for a first layer: gradients of every
 * parameter, no dL/dx and no dL/d(initial state). Every buffer is allocated in {@link #setUp()};
 * one operation is one token (one step of one sequence), so the score is tokens per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(CellBenchmark.BATCH * CellBenchmark.STEPS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class CellBenchmark {
    /** Sequences per window (B). */
    public static final int BATCH = 32;
    /** Steps per window (T). */
    public static final int STEPS = 64;

    @Param({ "rnn-tanh", "rnn-relu", "lstm", "gru", "mgu", "mingru" })
    public String cell;

    @Param({ "128", "256", "512" })
    public int hidden;

    private Cell kernel;
    private DMatrixRMaj[] params;
    private DMatrixRMaj[] gradParams;
    private DMatrixRMaj inputs;
    private DMatrixRMaj[] initialState;
    private DMatrixRMaj gradOutputs;
    private CellTrace trace;

    @Setup(Level.Trial)
    public void setUp() {
        CellType type = DeclarativeComponents.onClassPath().find(CellType.class, cell)
                .orElseThrow(() -> new IllegalStateException("no cell type named " + cell + " on the class path"));
        kernel = type.create(new CellSpec(hidden, hidden, Options.empty(), JavaGemm.INSTANCE));
        SplittableRandom random = new SplittableRandom(1);
        // PyTorch's default range keeps activations and gradients in their usual regime.
        params = CellMatrices.randomParameters(kernel, 1 / Math.sqrt(hidden), random);
        gradParams = CellMatrices.zeroParameters(kernel);
        inputs = CellMatrices.gaussian(STEPS * BATCH, hidden, 1, random);
        initialState = CellMatrices.randomStates(kernel, BATCH, 0.5, random);
        gradOutputs = CellMatrices.gaussian(STEPS * BATCH, hidden, 1, random);
        trace = kernel.newTrace(BATCH, STEPS);
    }

    /** One window: forward, then backward (parameter gradients accumulate, as across windows). */
    @Benchmark
    public DMatrixRMaj forwardBackward() {
        kernel.forward(params, inputs, STEPS, initialState, trace);
        kernel.backward(params, trace, gradOutputs, null, gradParams, null, null);
        return trace.hiddenGradients();
    }

    /** The parameter gradients accumulated so far (for the wiring test). */
    DMatrixRMaj[] gradParams() {
        return gradParams;
    }

    /** The trace of the last window (for the wiring test). */
    CellTrace trace() {
        return trace;
    }
}
