package org.rnnlab.testkit;

import org.ejml.data.DMatrixRMaj;

/**
 * A cell's equations for one step of one sequence, written as the paper writes them, in plain
 * loops: what the window kernel is compared with ({@link ForwardCheck}). It should share no code
 * with the kernel, so that the two cannot be wrong in the same way.
 */
@FunctionalInterface
public interface CellReference {
    /**
     * The state after one step.
     *
     * @param params        the cell's parameters, in the order of {@code Cell.parameters()}
     * @param input         x_t, {@code inputSize} values
     * @param previousState s_{t-1}, one array of {@code hiddenSize} values per state component
     *                      (component 0 is h)
     * @return s_t in the same layout, as new arrays
     */
    double[][] step(DMatrixRMaj[] params, double[] input, double[][] previousState);
}
