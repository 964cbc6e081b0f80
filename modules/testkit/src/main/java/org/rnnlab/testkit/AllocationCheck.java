package org.rnnlab.testkit;

import java.lang.management.ManagementFactory;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;

/**
 * rnnlab's principle 2: no allocation on the hot path. Forward and backward run window after
 * window into the same trace and gradient buffers; after a warm-up (so the JIT has compiled
 * them and escape analysis has removed what it can), the bytes this thread allocates over many
 * windows are measured with the JVM's per-thread allocation counter and must stay under a small
 * budget per window, far below one per-step buffer. Failures throw AssertionError.
 */
public final class AllocationCheck {
    /** Bytes per window tolerated: argument checks may box a few objects; a per-step buffer is far more. */
    public static final long BUDGET_PER_WINDOW = 512;
    private static final int WARM_UP = 300;
    private static final int MEASURED = 100;

    private final Cell cell;
    private final int steps;
    private final int batch;

    /** Use at least 8 steps and a batch x hidden of at least 64, so a per-step buffer exceeds the budget. */
    public AllocationCheck(Cell cell, int steps, int batch) {
        this.cell = cell;
        this.steps = steps;
        this.batch = batch;
    }

    /** Returns the bytes allocated per window after the warm-up. */
    public long bytesPerWindow(long seed) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            throw new AssertionError("this JVM does not count allocated bytes per thread; run the suite on HotSpot");
        }
        Xoshiro256 random = new Xoshiro256(seed);
        DMatrixRMaj[] params = CellMatrices.randomParameters(cell, 0.5, random);
        DMatrixRMaj inputs = CellMatrices.gaussian(steps * batch, cell.inputSize(), 1, random);
        DMatrixRMaj[] initial = CellMatrices.randomStates(cell, batch, 0.5, random);
        DMatrixRMaj gradOutputs = CellMatrices.gaussian(steps * batch, cell.hiddenSize(), 1, random);
        DMatrixRMaj[] gradParams = CellMatrices.zeroParameters(cell);
        DMatrixRMaj gradInputs = new DMatrixRMaj(steps * batch, cell.inputSize());
        DMatrixRMaj[] gradInitial = CellMatrices.zeroStates(cell, batch);
        CellTrace trace = cell.newTrace(batch, steps);
        Runnable window = () -> {
            cell.forward(params, inputs, steps, initial, trace);
            cell.backward(params, trace, gradOutputs, null, gradParams, gradInputs, gradInitial);
        };
        for (int i = 0; i < WARM_UP; i++) {
            window.run();
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < MEASURED; i++) {
            window.run();
        }
        long perWindow = (threads.getThreadAllocatedBytes(thread) - before) / MEASURED;
        if (perWindow > BUDGET_PER_WINDOW) {
            throw new AssertionError("forward and backward allocate " + perWindow + " bytes per window after warm-up (budget "
                    + BUDGET_PER_WINDOW + "); allocate buffers once, in newTrace, not per step or per window");
        }
        return perWindow;
    }
}
