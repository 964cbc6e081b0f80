package org.rnnlab.api.cell;

import java.util.Map;

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

    /**
     * The initializers this cell's parameters start from unless the run names one for their role:
     * parameter name ({@link ParameterSpec#name()}) to {@code NAME[:key=value...]}, the syntax of
     * {@code init.ROLE=} in a run spec. A role a run spec names ({@code init.recurrent=orthogonal})
     * wins; a parameter not listed here takes the run's default for its role. Cells whose
     * parameters are not matrices of the usual kind need this: IndRNN's recurrent weight is a
     * vector, for which an orthogonal start means nothing.
     *
     * @since 1.2
     */
    default Map<String, String> defaultInitializers() {
        return Map.of();
    }
}
