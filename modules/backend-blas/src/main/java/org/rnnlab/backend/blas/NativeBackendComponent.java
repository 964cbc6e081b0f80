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
     * With AVX-512, op(B) in panels of doubles for {@link PackedProducts}; elsewhere the default
     * (the BLAS reads B). B's bounds are checked either way, so a bad operand is refused alike
     * everywhere.
     */
    @Override
    public PreparedOperand prepare(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
            PreparedOperand previous) {
        return laidOut(false, transB, n, k, b, bOffset, ldb, previous);
    }

    /** The same in panels of floats, for {@code precision=single}. */
    @Override
    public PreparedOperand prepareSingle(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
            PreparedOperand previous) {
        return laidOut(true, transB, n, k, b, bOffset, ldb, previous);
    }

    private static PreparedOperand laidOut(boolean single, boolean transB, int n, int k, double[] b, int bOffset,
            int ldb, PreparedOperand previous) {
        PackedProducts.requireBlock(b, bOffset, transB ? n : k, transB ? k : n, ldb, "B");
        PackedProducts.Panels panels = !PackedProducts.AVAILABLE || n == 0 || k == 0 ? null
                : PackedProducts.prepare(single, transB, n, k, b, bOffset, ldb, previous == null ? null : previous.layout());
        return new PreparedOperand(transB, n, k, b, bOffset, ldb, panels);
    }

    /** The panels when they were made here for this very product; else the BLAS multiplies B itself. */
    @Override
    public void gemm(int m, double alpha, double[] a, int aOffset, int lda, PreparedOperand b, double beta, double[] c,
            int cOffset, int ldc) {
        if (!multipliedByPanels(false, m, alpha, a, aOffset, lda, b, beta, c, cOffset, ldc)) {
            super.gemm(m, alpha, a, aOffset, lda, b, beta, c, cOffset, ldc);
        }
    }

    /** The same in float32, for {@code precision=single}. */
    @Override
    public void sgemm(int m, float alpha, double[] a, int aOffset, int lda, PreparedOperand b, double beta,
            double[] c, int cOffset, int ldc) {
        if (!multipliedByPanels(true, m, alpha, a, aOffset, lda, b, beta, c, cOffset, ldc)) {
            super.sgemm(m, alpha, a, aOffset, lda, b, beta, c, cOffset, ldc);
        }
    }

    private static boolean multipliedByPanels(boolean single, int m, double alpha, double[] a, int aOffset, int lda,
            PreparedOperand b, double beta, double[] c, int cOffset, int ldc) {
        PackedProducts.requireBlock(a, aOffset, m, b.k(), lda, "A");
        PackedProducts.requireBlock(c, cOffset, m, b.n(), ldc, "C");
        return m > 0 && b.layout() instanceof PackedProducts.Panels panels
                && panels.serve(single, b.transposed(), b.n(), b.k())
                && PackedProducts.multiply(m, alpha, a, aOffset, lda, panels, beta, c, cOffset, ldc);
    }
}
