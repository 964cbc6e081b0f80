package org.rnnlab.remedy.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.remedy.ModelGradients;
import org.rnnlab.cell.rnn.internal.RnnTanhCellType;
import org.rnnlab.core.backend.JavaGemm;

/**
 * A model of one recurrent layer, as a loss remedy sees it after backward: the parameters, the
 * trace of one window and gradients that start at zero, so that what a penalty adds is exactly
 * what they hold afterwards.
 */
final class OneLayerModel implements ModelGradients, ModelGradients.Layer {
    final Cell cell;
    final DMatrixRMaj[] params;
    final DMatrixRMaj[] gradients;
    final CellTrace trace;

    OneLayerModel(Cell cell, DMatrixRMaj[] params, CellTrace trace) {
        this.cell = cell;
        this.params = params;
        this.trace = trace;
        this.gradients = cell.parameters().stream().map(p -> new DMatrixRMaj(p.rows(), p.cols()))
                .toArray(DMatrixRMaj[]::new);
    }

    /**
     * A real rnn-tanh cell run forward and back over a window of random inputs, initial state and
     * output gradients (weights uniform in ±0.6); the output gradients of the {@code silent}
     * sequences are zero, so no gradient reaches their states.
     */
    static OneLayerModel elmanWindow(long seed, int steps, int batch, int input, int hidden, int... silent) {
        SplittableRandom random = new SplittableRandom(seed);
        Cell cell = new RnnTanhCellType().create(new CellSpec(input, hidden, Options.of("rnn-tanh", Map.of()),
                JavaGemm.INSTANCE));
        DMatrixRMaj[] params = cell.parameters().stream().map(p -> uniform(p.rows(), p.cols(), 0.6, random))
                .toArray(DMatrixRMaj[]::new);
        DMatrixRMaj gradOutputs = uniform(steps * batch, hidden, 1, random);
        for (int b : silent) {
            for (int t = 0; t < steps; t++) {
                Arrays.fill(gradOutputs.data, (t * batch + b) * hidden, (t * batch + b + 1) * hidden, 0.0);
            }
        }
        CellTrace trace = cell.newTrace(batch, steps);
        cell.forward(params, uniform(steps * batch, input, 1, random), steps,
                new DMatrixRMaj[] { uniform(batch, hidden, 0.5, random) }, trace);
        DMatrixRMaj[] bpttGradients = cell.parameters().stream().map(p -> new DMatrixRMaj(p.rows(), p.cols()))
                .toArray(DMatrixRMaj[]::new);
        cell.backward(params, trace, gradOutputs, null, bpttGradients, null, null);
        return new OneLayerModel(cell, params, trace);
    }

    static DMatrixRMaj uniform(int rows, int cols, double bound, SplittableRandom random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble(-bound, bound);
        }
        return m;
    }

    /** The index of the parameter called {@code name}. */
    int index(String name) {
        for (int i = 0; i < cell.parameters().size(); i++) {
            if (cell.parameters().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no parameter " + name);
    }

    void zeroGradients() {
        for (DMatrixRMaj g : gradients) {
            g.zero();
        }
    }

    @Override
    public int size() {
        return params.length;
    }

    @Override
    public String name(int i) {
        return "l0." + spec(i).name();
    }

    @Override
    public ParameterSpec spec(int i) {
        return cell.parameters().get(i);
    }

    @Override
    public DMatrixRMaj value(int i) {
        return params[i];
    }

    @Override
    public DMatrixRMaj gradient(int i) {
        return gradients[i];
    }

    @Override
    public List<Layer> layers() {
        return List.of(this);
    }

    @Override
    public double loss() {
        return 1.0;
    }

    @Override
    public Cell cell() {
        return cell;
    }

    @Override
    public DMatrixRMaj[] params() {
        return params;
    }

    @Override
    public DMatrixRMaj[] gradients() {
        return gradients;
    }

    @Override
    public CellTrace trace() {
        return trace;
    }
}
