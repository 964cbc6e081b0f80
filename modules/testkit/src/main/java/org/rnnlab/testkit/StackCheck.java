package org.rnnlab.testkit;

import static org.rnnlab.testkit.CellMatrices.assertClose;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.rnnlab.api.Options;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.core.random.Xoshiro256;

/**
 * A cell type used as rnnlab's trainer uses it: layers stacked, each with one or two directions
 * (the reverse one reads the window backwards; layer l reads both directions' outputs of layer
 * l-1, concatenated, as PyTorch stacks them), every kernel made by its own {@code create} call.
 * The gradient of L = Σ G ⊙ (top outputs) reaches every parameter and the inputs through each
 * layer's dL/dx; it is checked against central differences of the whole model. This catches
 * what one cell alone cannot show: a wrong dL/dx, kernels of one type sharing buffers, an input
 * size other than the first layer's. Failures throw AssertionError.
 */
public final class StackCheck {
    private final Cell[][] cells;
    private final int steps;
    private final int batch;
    private final int hidden;

    /** {@code layers} layers of {@code directions} (1 or 2) kernels of {@code type}. */
    public StackCheck(CellType type, Options options, MatrixBackend backend, int input, int hidden, int layers,
            int directions, int steps, int batch) {
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
        this.cells = new Cell[layers][directions];
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < directions; d++) {
                cells[l][d] = type.create(new CellSpec(l == 0 ? input : directions * hidden, hidden, options, backend));
            }
        }
    }

    /** Every parameter of every kernel and the inputs; returns the worst error. */
    public double gradientsMatchCentralDifferences(long seed) {
        Model model = new Model(seed);
        model.loss();
        DMatrixRMaj[][][] grads = model.backward();
        double worst = 0;
        for (int l = 0; l < cells.length; l++) {
            for (int d = 0; d < cells[l].length; d++) {
                for (int i = 0; i < grads[l][d].length; i++) {
                    DMatrixRMaj variable = model.params[l][d][i];
                    worst = Math.max(worst, assertClose(CentralDifferences.gradient(variable, variable.numRows, model::loss),
                            grads[l][d][i], CellGradientCheck.TOLERANCE, "layer " + l + (d == 1 ? " reverse" : "")
                                    + ": d" + cells[l][d].parameters().get(i).name()));
                }
            }
        }
        return Math.max(worst, assertClose(CentralDifferences.gradient(model.inputs, steps * batch, model::loss),
                model.gradInputs, CellGradientCheck.TOLERANCE, "dx of the first layer"));
    }

    /** The model's parameters, buffers and a random window. */
    private final class Model {
        final DMatrixRMaj[][][] params;
        final CellTrace[][] traces;
        final DMatrixRMaj[][][] initial;
        final DMatrixRMaj inputs;
        final DMatrixRMaj weights;
        final DMatrixRMaj[] layerInputs;
        DMatrixRMaj gradInputs;

        Model(long seed) {
            Xoshiro256 random = new Xoshiro256(seed);
            int layers = cells.length;
            int directions = cells[0].length;
            params = new DMatrixRMaj[layers][directions][];
            traces = new CellTrace[layers][directions];
            initial = new DMatrixRMaj[layers][directions][];
            for (int l = 0; l < layers; l++) {
                for (int d = 0; d < directions; d++) {
                    params[l][d] = CellMatrices.randomParameters(cells[l][d], 0.5, random);
                    initial[l][d] = CellMatrices.randomStates(cells[l][d], batch, 0.5, random);
                    traces[l][d] = cells[l][d].newTrace(batch, steps);
                }
            }
            inputs = CellMatrices.gaussian(steps * batch, cells[0][0].inputSize(), 1, random);
            weights = CellMatrices.gaussian(steps * batch, directions * hidden, 1, random);
            layerInputs = new DMatrixRMaj[layers];
        }

        double loss() {
            DMatrixRMaj below = inputs;
            for (int l = 0; l < cells.length; l++) {
                layerInputs[l] = below;
                DMatrixRMaj out = new DMatrixRMaj(steps * batch, cells[l].length * hidden);
                for (int d = 0; d < cells[l].length; d++) {
                    cells[l][d].forward(params[l][d], d == 0 ? below : reversed(below), steps, initial[l][d], traces[l][d]);
                    DMatrixRMaj h = window(traces[l][d].outputs(), steps * batch);
                    putColumns(d == 0 ? h : reversed(h), out, d * hidden);
                }
                below = out;
            }
            return CellMatrices.dot(below, weights, below.data.length);
        }

        /** BPTT through the stack, top layer first; returns the parameter gradients and sets dL/dx. */
        DMatrixRMaj[][][] backward() {
            DMatrixRMaj[][][] grads = new DMatrixRMaj[cells.length][][];
            DMatrixRMaj above = weights;
            for (int l = cells.length - 1; l >= 0; l--) {
                grads[l] = new DMatrixRMaj[cells[l].length][];
                DMatrixRMaj below = new DMatrixRMaj(steps * batch, layerInputs[l].numCols);
                for (int d = 0; d < cells[l].length; d++) {
                    grads[l][d] = CellMatrices.zeroParameters(cells[l][d]);
                    DMatrixRMaj fromAbove = columns(above, d * hidden, hidden);
                    DMatrixRMaj dx = new DMatrixRMaj(steps * batch, layerInputs[l].numCols);
                    cells[l][d].backward(params[l][d], traces[l][d], d == 0 ? fromAbove : reversed(fromAbove), null,
                            grads[l][d], dx, null);
                    CommonOps_DDRM.addEquals(below, d == 0 ? dx : reversed(dx));
                }
                above = below;
            }
            gradInputs = above;
            return grads;
        }

        /** The window in reverse time: step t's rows become step T-1-t's. */
        DMatrixRMaj reversed(DMatrixRMaj window) {
            DMatrixRMaj out = new DMatrixRMaj(steps * batch, window.numCols);
            int block = batch * window.numCols;
            for (int t = 0; t < steps; t++) {
                System.arraycopy(window.data, t * block, out.data, (steps - 1 - t) * block, block);
            }
            return out;
        }
    }

    private static DMatrixRMaj window(DMatrixRMaj m, int rows) {
        DMatrixRMaj out = new DMatrixRMaj(rows, m.numCols);
        System.arraycopy(m.data, 0, out.data, 0, out.data.length);
        return out;
    }

    private static void putColumns(DMatrixRMaj source, DMatrixRMaj target, int column) {
        for (int r = 0; r < source.numRows; r++) {
            System.arraycopy(source.data, r * source.numCols, target.data, r * target.numCols + column, source.numCols);
        }
    }

    private static DMatrixRMaj columns(DMatrixRMaj source, int column, int width) {
        DMatrixRMaj out = new DMatrixRMaj(source.numRows, width);
        for (int r = 0; r < source.numRows; r++) {
            System.arraycopy(source.data, r * source.numCols + column, out.data, r * width, width);
        }
        return out;
    }
}
