package org.rnnlab.testkit;

import java.util.random.RandomGenerator;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;

/**
 * Matrices for testing a {@link Cell} through the API: random parameters, inputs and states in
 * the cell's own shapes, and the error measure of every check in this package,
 * max|actual − expected| / max(1, max|expected|) — absolute below 1, relative above.
 */
public final class CellMatrices {
    private CellMatrices() {
    }

    /** A {@code rows x cols} matrix with elements drawn from N(0, std²). */
    public static DMatrixRMaj gaussian(int rows, int cols, double std, RandomGenerator random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = std * random.nextGaussian();
        }
        return m;
    }

    /** The cell's parameters in its declared order, uniform in (-bound, bound). */
    public static DMatrixRMaj[] randomParameters(Cell cell, double bound, RandomGenerator random) {
        DMatrixRMaj[] params = zeroParameters(cell);
        for (DMatrixRMaj p : params) {
            for (int i = 0; i < p.data.length; i++) {
                p.data[i] = random.nextDouble(-bound, bound);
            }
        }
        return params;
    }

    /** Zero matrices shaped like the cell's parameters: a fresh gradient target. */
    public static DMatrixRMaj[] zeroParameters(Cell cell) {
        return cell.parameters().stream().map(p -> new DMatrixRMaj(p.rows(), p.cols())).toArray(DMatrixRMaj[]::new);
    }

    /** One {@code batch x hidden} matrix from N(0, std²) per state component of the cell. */
    public static DMatrixRMaj[] randomStates(Cell cell, int batch, double std, RandomGenerator random) {
        DMatrixRMaj[] states = new DMatrixRMaj[cell.stateSize()];
        for (int s = 0; s < states.length; s++) {
            states[s] = gaussian(batch, cell.hiddenSize(), std, random);
        }
        return states;
    }

    /** One zero {@code batch x hidden} matrix per state component of the cell. */
    public static DMatrixRMaj[] zeroStates(Cell cell, int batch) {
        DMatrixRMaj[] states = new DMatrixRMaj[cell.stateSize()];
        for (int s = 0; s < states.length; s++) {
            states[s] = new DMatrixRMaj(batch, cell.hiddenSize());
        }
        return states;
    }

    /** Deep copies of the matrices. */
    public static DMatrixRMaj[] copies(DMatrixRMaj[] matrices) {
        DMatrixRMaj[] out = new DMatrixRMaj[matrices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = matrices[i].copy();
        }
        return out;
    }

    /** The rows of step {@code t} of a time-major window matrix, as a {@code batch x cols} copy. */
    public static DMatrixRMaj step(DMatrixRMaj window, int t, int batch) {
        DMatrixRMaj out = new DMatrixRMaj(batch, window.numCols);
        System.arraycopy(window.data, t * out.data.length, out.data, 0, out.data.length);
        return out;
    }

    /** Σ a⊙b over the first {@code n} elements. */
    public static double dot(DMatrixRMaj a, DMatrixRMaj b, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a.data[i] * b.data[i];
        }
        return sum;
    }

    /** Σ_s ⟨a_s, b_s⟩ over state components. */
    public static double dot(DMatrixRMaj[] a, DMatrixRMaj[] b) {
        double sum = 0;
        for (int s = 0; s < a.length; s++) {
            sum += dot(a[s], b[s], a[s].data.length);
        }
        return sum;
    }

    /**
     * The error measure over the elements of {@code expected} (the first ones of {@code actual},
     * whose window may be larger); NaN counts as infinitely wrong.
     */
    public static double relativeError(double[] actual, double[] expected) {
        double diff = 0;
        double scale = 1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            diff = Math.max(diff, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / scale;
    }

    /**
     * Throws an AssertionError naming {@code what} unless the error of {@code actual} against
     * {@code expected} is within {@code tolerance}; returns that error.
     */
    public static double assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance, String what) {
        if (actual.data.length < expected.getNumElements()) {
            throw new AssertionError(what + ": " + actual.data.length + " elements, expected "
                    + expected.getNumElements());
        }
        double[] wanted = java.util.Arrays.copyOf(expected.data, expected.getNumElements());
        double error = relativeError(actual.data, wanted);
        if (!(error <= tolerance)) {
            throw new AssertionError(what + ": relative error " + error + " > " + tolerance);
        }
        return error;
    }

    /** Throws an AssertionError naming {@code what} unless the two matrices hold the same values. */
    public static void assertSame(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        if (!java.util.Arrays.equals(expected.data, actual.data)) {
            throw new AssertionError(what + ": values differ");
        }
    }

    /**
     * Throws an AssertionError naming {@code what} and the first differing index unless the two
     * arrays hold the same bits, NaN payloads and signs of zero included: for checking that a
     * cell's vector kernels give its scalar kernels' results (see {@code KernelChoice}).
     */
    public static void assertSameBits(double[] expected, double[] actual, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + expected.length + " values expected, " + actual.length + " given");
        }
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + " at " + i + ": " + expected[i] + " against " + actual[i]);
            }
        }
    }

    /**
     * Fills {@code x} for a kernel's bit-for-bit check: values in (0, 1) like activated gates when
     * {@code gates}, else from N(0, 3²); every 37 elements one NaN, one +∞ and one −0.0.
     */
    public static void fillWithSpecialValues(double[] x, RandomGenerator random, boolean gates) {
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 37) {
                case 5 -> Double.NaN;
                case 11 -> Double.POSITIVE_INFINITY;
                case 19 -> -0.0;
                default -> gates ? random.nextDouble() : random.nextGaussian() * 3;
            };
        }
    }
}
