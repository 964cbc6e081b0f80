package org.rnnlab.api.remedy;

import org.osgi.annotation.versioning.ConsumerType;
import org.rnnlab.api.Options;

/**
 * A remedy for vanishing or exploding gradients, registered with {@code rnnlab.name}
 * (e.g. {@code clip-norm}). A run holds an ordered list of configured remedies
 * ({@code remedies=tbptt:k=20,clip-norm:max=1}) and applies each at its hook point.
 */
@ConsumerType
public interface GradientRemedy {
    /** Validates the options (one-line error on a bad one) and returns the configured remedy. */
    Remedy configure(Options options);
}
