package org.rnnlab.api.cell;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A recurrent kernel for fixed sizes, made by a {@link CellType}. It holds no training state:
 * parameters, gradients and traces are passed in, so one kernel may serve any number of runs,
 * but one trace must not be used by two threads at once.
 *
 * <p>Layout: a window of T steps for B sequences is a time-major matrix whose row
 * {@code t * B + b} holds step t of sequence b. Parameters and gradients are passed as arrays in
 * the order of {@link #parameters()}. State component 0 is the hidden state h (the output);
 * cells with more state (LSTM: h, c) declare it through {@link #stateSize()}.
 *
 * <p>An implementer must guarantee: forward computes exactly the cell's equations in float64;
 * backward computes exact gradients of the loss for the recorded window (checked by central
 * finite differences in rnnlab's testkit); nothing is allocated per step; the heavy products go
 * through the {@link CellSpec#backend() backend}.
 *
 * <p>The trace contract: everything {@link #backward}, {@link #stateVjp} and
 * {@link #stateVjpParameterGradient} read about a window comes from the parameters passed to
 * them and from the {@link CellTrace} that {@link #forward} filled. Once forward returns, the
 * caller reuses the {@code inputs} and {@code initialState} matrices it passed (the next window
 * is read into them), so a trace must keep its own copy of both, in buffers allocated by
 * {@link #newTrace}. rnnlab's testkit checks this by overwriting them before backward.
 */
@ConsumerType
public interface Cell {
    int inputSize();

    int hiddenSize();

    /** The parameters, in the order of the arrays passed to forward and backward. */
    List<ParameterSpec> parameters();

    /** Number of state components, each {@code batch x hidden}: 1 (h) or 2 (h, c). */
    int stateSize();

    /**
     * Called once when a run is created, after the run's initializers filled every parameter by
     * its role: a cell whose parameters have a prescribed construction (an echo state network's
     * frozen reservoir: spectral radius, sparsity, input scaling) overwrites them here, drawing
     * only from {@code rng}. Returns facts worth showing the user, e.g. the reservoir's measured
     * spectral radius; most cells keep the default, which changes nothing.
     */
    default java.util.Map<String, String> initialize(DMatrixRMaj[] params, org.rnnlab.api.RandomSource rng) {
        return java.util.Map.of();
    }

    /** Buffers for windows of up to {@code capacity} steps of {@code batch} sequences. */
    CellTrace newTrace(int batch, int capacity);

    /**
     * Runs {@code steps} steps over {@code inputs} ({@code (steps * B) x input}, rows beyond are
     * ignored) from {@code initialState}, recording into {@code trace}. The initial state is read,
     * never written, and may be the previous window's {@code trace.finalState()}.
     */
    void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState, CellTrace trace);

    /**
     * Back-propagates through the window recorded in {@code trace}.
     *
     * @param gradOutputs      dL/dh_t from above for each step ({@code (steps * B) x hidden})
     * @param gradFinalState   dL/d(final state) per component, or null for none
     * @param gradParams       gradients, <em>added to</em> (so windows and directions accumulate)
     * @param gradInputs       receives dL/dx_t ({@code (steps * B) x input}); may be null
     * @param gradInitialState receives dL/d(initial state) per component; may be null
     */
    void backward(DMatrixRMaj[] params, CellTrace trace, DMatrixRMaj gradOutputs, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, DMatrixRMaj gradInputs, DMatrixRMaj[] gradInitialState);

    /**
     * The vector–Jacobian product with respect to the previous state at step t of the recorded
     * window: {@code out = v · ∂s_t/∂s_{t-1}}, per state component ({@code batch x hidden}
     * each). Used by the Pascanu penalty and the gradient-flow diagnostics.
     */
    void stateVjp(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v, DMatrixRMaj[] out);

    /**
     * Adds to {@code gradParams} the gradient, with respect to the parameters, of
     * {@code Σ_b ⟨w_b, (v · ∂s_t/∂s_{t-1})_b⟩} at step t, holding the recorded states and the
     * activations' derivatives constant so that only the explicit recurrent weights vary: the
     * simplification of Pascanu, Mikolov &amp; Bengio 2013, eq. 10, which the {@code pascanu}
     * penalty needs. {@code v} and {@code w} hold one {@code batch x hidden} matrix per state
     * component.
     */
    void stateVjpParameterGradient(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v, DMatrixRMaj[] w,
            DMatrixRMaj[] gradParams);
}
