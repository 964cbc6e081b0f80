package org.rnnlab.api.cell;

import org.osgi.annotation.versioning.ConsumerType;
import org.rnnlab.api.RnnlabException;

/**
 * A kind of recurrent cell, registered as a service with {@code rnnlab.name} (e.g. {@code lstm}).
 * Stateless: it only makes kernels.
 */
@ConsumerType
public interface CellType {
    /**
     * Makes a kernel for the spec. Must validate every option here, so a bad option fails before
     * any training, with a one-line {@link RnnlabException}.
     */
    Cell create(CellSpec spec);
}
