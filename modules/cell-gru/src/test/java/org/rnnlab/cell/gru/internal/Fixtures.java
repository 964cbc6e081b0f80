package org.rnnlab.cell.gru.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.core.backend.JavaGemm;

/** The cells, random matrices and the error measure shared by the tests. */
final class Fixtures {
    private Fixtures() {
    }

    static CellType cellType(String name) {
        return switch (name) {
            case "gru" -> new GruCellType();
            case "mgu" -> new MguCellType();
            case "mingru" -> new MinGruCellType();
            default -> throw new IllegalArgumentException("no cell of the GRU family called " + name);
        };
    }

    static Cell cell(String name, int inputSize, int hiddenSize) {
        CellSpec spec = new CellSpec(inputSize, hiddenSize, Options.of(name, Map.of()), JavaGemm.INSTANCE);
        return cellType(name).create(spec);
    }

    static DMatrixRMaj uniform(int rows, int cols, double bound, RandomGenerator random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble(-bound, bound);
        }
        return m;
    }

    static DMatrixRMaj gaussian(int rows, int cols, double std, RandomGenerator random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = std * random.nextGaussian();
        }
        return m;
    }

    /** One random {@code batch x hidden} matrix per state component of the cell. */
    static DMatrixRMaj[] states(Cell cell, int batch, double std, RandomGenerator random) {
        DMatrixRMaj[] states = new DMatrixRMaj[cell.stateSize()];
        for (int s = 0; s < states.length; s++) {
            states[s] = gaussian(batch, cell.hiddenSize(), std, random);
        }
        return states;
    }

    /** Zero {@code batch x hidden} matrices, one per state component of the cell. */
    static DMatrixRMaj[] zeroStates(Cell cell, int batch) {
        DMatrixRMaj[] states = new DMatrixRMaj[cell.stateSize()];
        for (int s = 0; s < states.length; s++) {
            states[s] = new DMatrixRMaj(batch, cell.hiddenSize());
        }
        return states;
    }

    /** Random parameters in the cell's order, uniform in (-bound, bound). */
    static DMatrixRMaj[] parameters(Cell cell, double bound, RandomGenerator random) {
        return cell.parameters().stream().map(p -> uniform(p.rows(), p.cols(), bound, random))
                .toArray(DMatrixRMaj[]::new);
    }

    static DMatrixRMaj[] zeros(List<ParameterSpec> specs) {
        return specs.stream().map(p -> new DMatrixRMaj(p.rows(), p.cols())).toArray(DMatrixRMaj[]::new);
    }

    /** The rows of step t of a time-major window matrix, as a batch x cols copy. */
    static DMatrixRMaj step(DMatrixRMaj window, int t, int batch) {
        DMatrixRMaj out = new DMatrixRMaj(batch, window.numCols);
        System.arraycopy(window.data, t * out.data.length, out.data, 0, out.data.length);
        return out;
    }

    /** Σ a⊙b over the first {@code n} elements. */
    static double dot(DMatrixRMaj a, DMatrixRMaj b, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a.data[i] * b.data[i];
        }
        return sum;
    }

    /** Σ_s ⟨a_s, b_s⟩ over the state components. */
    static double dot(DMatrixRMaj[] a, DMatrixRMaj[] b) {
        double sum = 0;
        for (int s = 0; s < a.length; s++) {
            sum += dot(a[s], b[s], a[s].data.length);
        }
        return sum;
    }

    /**
     * The error measure of every test: max|actual − expected| / max(1, max|expected|) over the
     * elements of {@code expected} (the first ones of {@code actual}, whose window may be larger).
     * Absolute for values below 1, relative above, so small gradients do not inflate it.
     */
    static double relativeError(double[] actual, double[] expected) {
        double diff = 0;
        double scale = 1;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / scale;
    }

    static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance, String what) {
        assertTrue(actual.data.length >= expected.data.length, what + ": fewer elements than expected");
        double error = relativeError(actual.data, expected.data);
        assertTrue(error <= tolerance, what + ": relative error " + error + " > " + tolerance);
    }
}
