package org.rnnlab.backend.blas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The native backend's products with a prepared operand, in rnnlab's own C
 * ({@code src/main/c/packed_gemm.c}): op(B) laid out once in panels as wide as an AVX-512
 * register (eight doubles, or sixteen floats for {@code precision=single}) outside the heap, then
 * each product one chain of fused multiply-adds per element of C, sixteen rows at a time. OpenBLAS
 * packs op(B) again at every call, which at a step's shapes (16 or 32 rows of h_{t-1} against
 * 1024 x 256 of W_hh) costs more than the multiplying: in float64 220 µs for 16 rows and 375 for
 * 32 against 150–155 and 305–315 here, in either direction; in float32, with the rounding of A
 * and the widening of C that {@code SinglePrecisionGemm} does around sgemm, 135–146 and 219–227
 * against 76–78 and 154–155 (throwaway C programs, one thread, Zen 4). The same rows give the
 * same bits whatever their number.
 *
 * <p>Needs AVX-512 (asked of the processor when the library loads) and the library, which the
 * bundle carries for Linux on x86-64 ({@code Bundle-NativeCode}); anywhere else the backend keeps
 * to the BLAS. Every operand's bounds are checked here before C sees a pointer.
 */
final class PackedProducts {
    private static final String LIBRARY = "rnnlabpacked";
    /** Whether the library loaded and the processor runs it. */
    static final boolean AVAILABLE = load();
    /** Columns of a panel: an AVX-512 register of doubles or of floats. */
    private static final int PANEL = 8;
    private static final int FLOAT_PANEL = 16;
    private static final int ALIGNMENT = 64;

    private PackedProducts() {
    }

    private static boolean load() {
        try {
            System.loadLibrary(LIBRARY); // in a framework: the bundle's Bundle-NativeCode
            return supported();
        } catch (UnsatisfiedLinkError inFramework) {
            return loadFromClassPath();
        }
    }

    /** On a plain class path (tests, or a framework that did not offer it): the library is a resource to copy out. */
    private static boolean loadFromClassPath() {
        try (InputStream in = PackedProducts.class.getResourceAsStream("/native/linux-x86_64/lib" + LIBRARY + ".so")) {
            if (in == null || !System.getProperty("os.name", "").startsWith("Linux")
                    || !System.getProperty("os.arch", "").equals("amd64")) {
                return false;
            }
            Path copy = Files.createTempFile("lib" + LIBRARY, ".so");
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            System.load(copy.toString());
            return supported();
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return false;
        }
    }

    private static native boolean supported();

    private static native boolean packPanels(boolean single, boolean transposed, int n, int k, double[] b, int offset,
            int ldb, ByteBuffer panels);

    private static native boolean multiplyPanels(boolean single, int m, int n, int k, double alpha, double[] a,
            int aOffset, int lda, ByteBuffer panels, double beta, double[] c, int cOffset, int ldc);

    /**
     * op(B) as laid out here: the panels, whether they hold floats, and the shape they were made
     * for. Only this class makes one, so a layout that reaches {@link #multiply} is one the C code
     * can read (a direct buffer of the right size, aligned to 64 bytes), whatever else a caller
     * puts in a {@code PreparedOperand}.
     */
    record Panels(ByteBuffer buffer, boolean single, boolean transposed, int n, int k) {
        /** Whether these panels were made for a product of this kind and shape. */
        boolean serve(boolean single, boolean transposed, int n, int k) {
            return this.single == single && this.transposed == transposed && this.n == n && this.k == k;
        }
    }

    /**
     * op(B) laid out in panels of doubles, or of floats if {@code single}, in {@code previous}'s
     * buffer when it holds enough room; null when the library could not do it (then the BLAS
     * multiplies).
     */
    static Panels prepare(boolean single, boolean transposed, int n, int k, double[] b, int offset, int ldb,
            Object previous) {
        int width = single ? FLOAT_PANEL : PANEL;
        long bytes = (long) (n + width - 1) / width * width * k * (single ? Float.BYTES : Double.BYTES);
        if (bytes > Integer.MAX_VALUE - ALIGNMENT) {
            return null;
        }
        ByteBuffer buffer = previous instanceof Panels kept && kept.buffer().capacity() >= bytes ? kept.buffer()
                : ByteBuffer.allocateDirect((int) bytes + ALIGNMENT).alignedSlice(ALIGNMENT).order(ByteOrder.nativeOrder());
        return packPanels(single, transposed, n, k, b, offset, ldb, buffer)
                ? new Panels(buffer, single, transposed, n, k) : null;
    }

    /**
     * {@code C = alpha A op(B) + beta C} with op(B) from {@link #prepare}: in float64, or for
     * panels of floats with A rounded to float32, the sum and alpha in float32 and the result
     * widened to add to beta C in float64; false when the library could not.
     */
    static boolean multiply(int m, double alpha, double[] a, int aOffset, int lda, Panels panels, double beta,
            double[] c, int cOffset, int ldc) {
        return multiplyPanels(panels.single(), m, panels.n(), panels.k(), alpha, a, aOffset, lda, panels.buffer(), beta,
                c, cOffset, ldc);
    }

    /** A rows x cols block at offset with row stride ld must lie inside the array: C would not check. */
    static void requireBlock(double[] array, int offset, int rows, int cols, int ld, String name) {
        if (rows < 0 || cols < 0 || offset < 0 || (rows > 1 && ld < cols)
                || (rows > 0 && cols > 0 && (long) offset + (long) (rows - 1) * ld + cols > array.length)) {
            throw new IllegalArgumentException(name + " (" + rows + " x " + cols + " at " + offset + ", row stride " + ld
                    + ") does not lie inside its array of " + array.length);
        }
    }
}
