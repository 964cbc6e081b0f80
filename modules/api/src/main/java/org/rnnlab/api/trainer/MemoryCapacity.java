package org.rnnlab.api.trainer;

/**
 * A recurrent model's short-term memory capacity (Jaeger 2002, "Short term memory in echo state
 * networks"): driven by an i.i.d. input u, a linear readout of the top layer's state is fitted by
 * ridge regression for each delay k to recall u_{t−k}; MC_k is the squared correlation of its
 * recall with the truth on held-out steps, and MC = Σ_k MC_k. For a network of N units, MC ≤ N.
 *
 * @param perDelay MC_k for k = 1..delays (index k − 1)
 * @since 1.3
 */
public record MemoryCapacity(String run, long step, double total, double[] perDelay, int units) {
}
