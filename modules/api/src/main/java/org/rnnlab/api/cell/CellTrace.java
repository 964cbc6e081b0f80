package org.rnnlab.api.cell;

import org.ejml.data.DMatrixRMaj;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Everything one forward pass over a window records for its backward pass, in buffers allocated
 * once by {@link Cell#newTrace(int, int)} and reused for every window. Owned by the run.
 * Matrices in time-major layout hold step t of sequence b in row {@code t * batch + b}.
 * Implemented by each cell (a consumer of this API): besides what the methods below expose, it
 * keeps its own copy of the window's inputs and initial state (see the trace contract of
 * {@link Cell}).
 */
@ConsumerType
public interface CellTrace {
    /** Sequences per window (B). */
    int batch();

    /** The most steps a window may have (T). */
    int capacity();

    /** Steps recorded by the last forward pass. */
    int steps();

    /** h_t for t = 0..steps-1, {@code (capacity * batch) x hidden}: the cell's output sequence. */
    DMatrixRMaj outputs();

    /** The state after the last step, one {@code batch x hidden} matrix per state component. */
    DMatrixRMaj[] finalState();

    /**
     * After a backward pass: the total gradient dL/dh_t reaching each step's hidden state
     * (from the outputs above and from later steps), same layout as {@link #outputs()}.
     * Diagnostics (gradient norm through time) and the Pascanu penalty read it.
     */
    DMatrixRMaj hiddenGradients();

    /**
     * After a forward pass: the fraction of the window's sigmoid and tanh activations whose
     * derivative is below 0.01 (saturated units pass almost no gradient), or NaN when the cell
     * has no such activations or does not say (the default).
     *
     * @since 1.1
     */
    default double saturation() {
        return Double.NaN;
    }
}
