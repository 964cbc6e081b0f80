package org.rnnlab.api.cell;

import java.util.List;

/**
 * One parameter of a cell: its name (PyTorch's where one exists, e.g. {@code weight_hh}), its
 * shape, its role and, for gated cells, the gates stacked in its rows: row block k of
 * {@code rows / gates.size()} rows belongs to {@code gates.get(k)} (LSTM: i, f, g, o).
 * Biases are {@code 1 x n} rows, so a gated bias stacks its gates in column blocks of
 * {@code cols / gates.size()} instead. A frozen parameter (not {@code trainable}) is initialized but
 * never updated, e.g. an echo state network's reservoir.
 */
public record ParameterSpec(String name, int rows, int cols, ParameterRole role, List<String> gates,
        boolean trainable) {

    public ParameterSpec {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(name + ": shape must be positive, got " + rows + "x" + cols);
        }
        gates = List.copyOf(gates);
    }

    /** A trainable parameter without gate blocks. */
    public static ParameterSpec of(String name, int rows, int cols, ParameterRole role) {
        return new ParameterSpec(name, rows, cols, role, List.of(), true);
    }

    public int size() {
        return rows * cols;
    }

    /**
     * Rows of one gate block of a weight matrix ({@code rows} when the parameter has no gates). A
     * gated {@code 1 x n} bias has its gates in columns: this is 0 for it.
     */
    public int gateRows() {
        return gates.isEmpty() ? rows : rows / gates.size();
    }

    /** Fan-in and fan-out as Glorot and He define them for a weight matrix: cols and rows. */
    public int fanIn() {
        return cols;
    }

    public int fanOut() {
        return rows;
    }
}
