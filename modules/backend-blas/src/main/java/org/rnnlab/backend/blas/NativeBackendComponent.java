package org.rnnlab.backend.blas;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.backend.MatrixBackend;

/** The {@code native} backend: the system BLAS through netlib's JNI; enabled by {@link BackendEnabler}. */
@Component(name = BackendEnabler.NATIVE, enabled = false, service = MatrixBackend.class, property = {
        Components.NAME + "=native",
        Components.DESCRIPTION + "=system BLAS (libblas.so.3, e.g. OpenBLAS) through dev.ludovic.netlib JNI" })
public class NativeBackendComponent extends NetlibGemm {
    public NativeBackendComponent() {
        super(NetlibProbes.NATIVE.blas());
    }
}
