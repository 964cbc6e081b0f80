package org.rnnlab.init.internal;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.ParameterSpec;

/**
 * Shape checks and the gate blocks of a parameter, shared by the initializers. Gates stack a
 * weight's rows (see {@link ParameterSpec}); a bias is a {@code 1 x n} row, so there the gates
 * split its columns. Either way, gate k owns the k-th contiguous slice of the row-major data.
 */
final class Shapes {
    /** One gate's block: {@code rows x cols} values stored row-major from {@code offset} on. */
    record Block(int offset, int rows, int cols) {
        int at(int row, int col) {
            return offset + row * cols + col;
        }

        int size() {
            return rows * cols;
        }
    }

    private Shapes() {
    }

    /**
     * A caller's bug, not a user's: the matrix to fill must have the parameter's shape, and gate
     * blocks must split it evenly.
     */
    static void requireShape(DMatrixRMaj target, ParameterSpec spec) {
        if (target.numRows != spec.rows() || target.numCols != spec.cols()) {
            throw new IllegalArgumentException(spec.name() + ": expected a " + spec.rows() + "x" + spec.cols()
                    + " matrix, got " + target.numRows + "x" + target.numCols);
        }
        int gates = spec.gates().size();
        if (gates > 0 && (isRow(spec) ? spec.cols() : spec.rows()) % gates != 0) {
            throw new IllegalArgumentException(spec.name() + ": " + spec.rows() + "x" + spec.cols()
                    + " does not split into " + gates + " gate blocks");
        }
    }

    /** One block per gate, in the order of {@link ParameterSpec#gates()}; the whole parameter without gates. */
    static List<Block> gateBlocks(ParameterSpec spec) {
        int gates = Math.max(1, spec.gates().size());
        int rows = isRow(spec) ? 1 : spec.rows() / gates;
        int cols = isRow(spec) ? spec.cols() / gates : spec.cols();
        List<Block> blocks = new ArrayList<>(gates);
        for (int k = 0; k < gates; k++) {
            blocks.add(new Block(k * rows * cols, rows, cols));
        }
        return blocks;
    }

    /** The block of the named gate, or null when the parameter has no such gate. */
    static Block gateBlock(ParameterSpec spec, String gate) {
        int k = spec.gates().indexOf(gate);
        return k < 0 ? null : gateBlocks(spec).get(k);
    }

    /**
     * Fan-in as Glorot and He define it: the columns of one gate block. Each gate is a layer of its
     * own with its own nonlinearity, as in cells written with one matrix per gate (Hochreiter &amp;
     * Schmidhuber 1997, Cho et al. 2014).
     */
    static int fanIn(ParameterSpec spec) {
        return gateBlocks(spec).get(0).cols();
    }

    /**
     * Fan-out: the rows of one gate block, not the stacked rows. Using the stacked rows would
     * shrink an LSTM's Glorot bound by sqrt((I + H) / (I + 4H)) merely because PyTorch stores the
     * four gates in one matrix.
     */
    static int fanOut(ParameterSpec spec) {
        return gateBlocks(spec).get(0).rows();
    }

    private static boolean isRow(ParameterSpec spec) {
        return spec.rows() == 1;
    }
}
