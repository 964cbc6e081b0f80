package org.rnnlab.core.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.core.backend.EjmlGemm;

/** Registers EJML's own dense products as the {@code ejml} backend, present in every runtime. */
@Component(service = MatrixBackend.class, property = {
        Components.NAME + "=ejml",
        Components.DESCRIPTION + "=EJML's dense products (operands copied into place), always available" })
public class EjmlBackendComponent implements MatrixBackend {
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        EjmlGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }
}
