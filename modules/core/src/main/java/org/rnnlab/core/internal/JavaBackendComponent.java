package org.rnnlab.core.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.core.backend.JavaGemm;

/** Registers the plain-Java kernels as the {@code java} backend, present in every runtime. */
@Component(service = MatrixBackend.class, property = {
        Components.NAME + "=java",
        Components.DESCRIPTION + "=plain Java GEMM, always available" })
public class JavaBackendComponent implements MatrixBackend {
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
            int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
        JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }
}
