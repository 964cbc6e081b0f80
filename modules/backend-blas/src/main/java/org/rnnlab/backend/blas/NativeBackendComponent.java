package org.rnnlab.backend.blas;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;

/**
 * The {@code native} backend: the system BLAS through netlib's JNI, and with AVX-512 rnnlab's own
 * products with a prepared operand ({@link PackedProducts}); enabled by {@link BackendEnabler}.
 */
@Component(name = BackendEnabler.NATIVE, enabled = false, service = MatrixBackend.class, property = {
        Components.NAME + "=native",
        Components.DESCRIPTION + "=system BLAS (libblas.so.3, e.g. OpenBLAS) through dev.ludovic.netlib JNI" })
public class NativeBackendComponent extends NetlibGemm {
    public NativeBackendComponent() {
        super(NetlibProbes.NATIVE.blas());
    }

    /**
     * With AVX-512, op(B) in panels for {@link PackedProducts}; elsewhere the default (the BLAS
     * reads B). B's bounds are checked either way, so a bad operand is refused alike everywhere.
     */
    @Override
    public PreparedOperand prepare(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
            PreparedOperand previous) {
        PackedProducts.requireBlock(b, bOffset, transB ? n : k, transB ? k : n, ldb, "B");
        PackedProducts.Panels panels = !PackedProducts.AVAILABLE || n == 0 || k == 0 ? null
                : PackedProducts.prepare(transB, n, k, b, bOffset, ldb, previous == null ? null : previous.layout());
        return new PreparedOperand(transB, n, k, b, bOffset, ldb, panels);
    }

    /** The panels when they were made here for this very shape; else the BLAS multiplies B itself. */
    @Override
    public void gemm(int m, double alpha, double[] a, int aOffset, int lda, PreparedOperand b, double beta, double[] c,
            int cOffset, int ldc) {
        PackedProducts.requireBlock(a, aOffset, m, b.k(), lda, "A");
        PackedProducts.requireBlock(c, cOffset, m, b.n(), ldc, "C");
        if (m > 0 && b.layout() instanceof PackedProducts.Panels panels && panels.n() == b.n() && panels.k() == b.k()
                && panels.transposed() == b.transposed()
                && PackedProducts.multiply(m, alpha, a, aOffset, lda, panels, beta, c, cOffset, ldc)) {
            return;
        }
        super.gemm(m, alpha, a, aOffset, lda, b, beta, c, cOffset, ldc);
    }
}
