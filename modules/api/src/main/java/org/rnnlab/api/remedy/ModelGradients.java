package org.rnnlab.api.remedy;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.osgi.annotation.versioning.ProviderType;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterSpec;

/**
 * The run's model as a remedy sees it after backward: every parameter of every layer and of the
 * head, with its gradient, and the recurrent layers with the traces of the window just
 * processed. Remedies may change gradients; they must not change parameter values.
 */
@ProviderType
public interface ModelGradients {
    /**
     * The loss of the window being processed, penalties included: remedies at the gradients hook
     * see it after every loss remedy has added its term.
     */
    double loss();

    /** Number of parameters, all layers and the head together. */
    int size();

    /** Qualified name, e.g. {@code l0.weight_hh} or {@code head.weight}. */
    String name(int i);

    ParameterSpec spec(int i);

    DMatrixRMaj value(int i);

    DMatrixRMaj gradient(int i);

    /** The recurrent layers (directions of a bidirectional layer are separate entries). */
    List<Layer> layers();

    /** One recurrent layer (or direction) with its kernel, parameters and trace. */
    interface Layer {
        Cell cell();

        DMatrixRMaj[] params();

        DMatrixRMaj[] gradients();

        CellTrace trace();
    }
}
