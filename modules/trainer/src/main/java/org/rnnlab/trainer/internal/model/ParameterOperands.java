package org.rnnlab.trainer.internal.model;

import java.util.List;

/**
 * A backend that keeps converted copies of the parameters between products (the float32 copies
 * of {@code precision=single}). The network tells it which arrays are parameters and when they
 * may have changed: at the start of each forward pass and of a head pass on its own (after a
 * closed-form fit of the head). Nothing changes the parameters between a forward pass and the
 * backward pass, remedies and diagnostics that follow it before the update, so backward uses the
 * copies forward made.
 */
public interface ParameterOperands {
    /** The arrays holding the parameters; any copies of others are dropped. */
    void parameters(List<double[]> arrays);

    /** The parameters may have changed since the last call: kept copies are stale. */
    void parametersChanged();
}
