package org.rnnlab.api.optim;

import org.osgi.annotation.versioning.ConsumerType;
import org.rnnlab.api.Options;

/**
 * An optimizer, registered with {@code rnnlab.name} (e.g. {@code adam}). Stateless: its
 * state slots are owned by the run, so it can be swapped mid-run and checkpointed.
 */
@ConsumerType
public interface Optimizer {
    /** Validates the hyperparameters (PyTorch's names and defaults) and returns the rule. */
    UpdateRule configure(Options options);
}
