package org.rnnlab.backend.blas;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.backend.MatrixBackend;

/** The {@code java-vector} backend: netlib's VectorBLAS; enabled by {@link BackendEnabler}. */
@Component(name = BackendEnabler.VECTOR, enabled = false, service = MatrixBackend.class, property = {
        Components.NAME + "=java-vector",
        Components.DESCRIPTION + "=pure Java on the JDK Vector API (dev.ludovic.netlib VectorBLAS)" })
public class VectorBackendComponent extends NetlibGemm {
    public VectorBackendComponent() {
        super(NetlibProbes.VECTOR.blas());
    }
}
