package org.rnnlab.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Proves the wiring of {@link StepProductBenchmark}: the product it times is the share of a step
 * it claims (every gate entry gains Σ_k h_k w_k = H · 0.01 · 0.02 per call), cycling through its
 * weight copies. Measures nothing and asserts no speed.
 */
class StepProductBenchmarkTest {
    @Test
    void eachCallAddsTheShareOfAStepsProduct() {
        StepProductBenchmark benchmark = new StepProductBenchmark();
        benchmark.hidden = 16;
        benchmark.copies = 3;
        benchmark.setUp();
        double[] gates = null;
        for (int call = 0; call < 4; call++) {
            gates = benchmark.shareOfAStep();
        }
        assertEquals(32 * 2 * 16, gates.length);
        for (double value : gates) {
            assertEquals(4 * 16 * 0.01 * 0.02, value, 1e-15);
        }
    }
}
