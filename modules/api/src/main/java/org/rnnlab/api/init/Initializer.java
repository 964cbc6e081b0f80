package org.rnnlab.api.init;

import org.osgi.annotation.versioning.ConsumerType;
import org.rnnlab.api.Options;

/**
 * A way to initialize parameters, registered with {@code rnnlab.name} (e.g. {@code orthogonal}).
 * A run maps parameter roles to initializers: {@code init.recurrent=orthogonal gain=1}.
 */
@ConsumerType
public interface Initializer {
    /** Validates the options (one-line error on a bad one) and returns the configured initializer. */
    Initialization configure(Options options);
}
