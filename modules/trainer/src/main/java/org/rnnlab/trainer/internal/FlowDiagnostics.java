package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.trainer.Diagnostics;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Parameter;
import org.rnnlab.trainer.internal.model.Workspace;

/**
 * The diagnostics of one step ({@code diagnostics=N}), in two halves around the update: what the
 * last window's backward pass left (gradient flow, spectra, gradient and parameter norms), then
 * the update's size. Spectra come from exact decompositions (EJML's eigenvalues and singular
 * values) rather than power iteration: a diagnostic step is rare, and its values then exact.
 * The direction at T for the Jacobian norms is drawn from a generator of its own, seeded by the
 * run's seed and the step, so diagnostics never change what the run trains.
 */
final class FlowDiagnostics {
    private final List<Diagnostics.UnitFlow> units;
    private final List<Diagnostics.MatrixSpectrum> spectra;
    private final double[] gradientNorms;
    private final double[] valueNorms;
    private final DMatrixRMaj[] before;
    private final double learningRate;

    private FlowDiagnostics(List<Diagnostics.UnitFlow> units, List<Diagnostics.MatrixSpectrum> spectra,
            double[] gradientNorms, double[] valueNorms, DMatrixRMaj[] before, double learningRate) {
        this.units = units;
        this.spectra = spectra;
        this.gradientNorms = gradientNorms;
        this.valueNorms = valueNorms;
        this.before = before;
        this.learningRate = learningRate;
    }

    /** After the last window's backward pass, before remedies and the update. */
    static FlowDiagnostics beforeUpdate(Network network, Workspace window, long seed, long step, double learningRate) {
        List<Diagnostics.UnitFlow> units = new ArrayList<>();
        Xoshiro256 rng = Xoshiro256.stream(seed, "diagnostics-" + step);
        for (int l = 0; l < network.layers(); l++) {
            for (int d = 0; d < network.directions; d++) {
                Network.Unit unit = network.units[l][d];
                CellTrace trace = window.traces[l][d];
                units.add(new Diagnostics.UnitFlow(l, d, hiddenGradientNorms(trace),
                        jacobianNorms(unit.cell, unit.params, trace, rng), trace.saturation()));
            }
        }
        List<Diagnostics.MatrixSpectrum> spectra = new ArrayList<>();
        List<Parameter> params = network.parameters();
        double[] gradientNorms = new double[params.size()];
        double[] valueNorms = new double[params.size()];
        DMatrixRMaj[] before = new DMatrixRMaj[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            gradientNorms[i] = norm(p.gradient());
            valueNorms[i] = norm(p.value());
            before[i] = p.value().copy();
            if (p.spec().role() == ParameterRole.RECURRENT_WEIGHTS) {
                spectra.addAll(spectra(p.name(), p.spec(), p.value()));
            }
        }
        return new FlowDiagnostics(units, spectra, gradientNorms, valueNorms, before, learningRate);
    }

    /** After the update: ‖Δθ‖ / ‖θ‖ per parameter completes the diagnostics. */
    Diagnostics afterUpdate(Network network) {
        List<Parameter> params = network.parameters();
        List<Diagnostics.ParameterStats> stats = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            DMatrixRMaj now = params.get(i).value();
            double change = 0;
            for (int k = 0; k < now.getNumElements(); k++) {
                double delta = now.data[k] - before[i].data[k];
                change += delta * delta;
            }
            double ratio = valueNorms[i] == 0 ? (change == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(change) / valueNorms[i];
            stats.add(new Diagnostics.ParameterStats(params.get(i).name(), gradientNorms[i], valueNorms[i], ratio));
        }
        return new Diagnostics(units, spectra, stats, learningRate);
    }

    /** ‖dL/dh_t‖ for each step of the window: the batch's rows of step t together. */
    static double[] hiddenGradientNorms(CellTrace trace) {
        DMatrixRMaj grads = trace.hiddenGradients();
        int perStep = trace.batch() * grads.numCols;
        double[] norms = new double[trace.steps()];
        for (int t = 0; t < norms.length; t++) {
            double sum = 0;
            for (int i = t * perStep; i < (t + 1) * perStep; i++) {
                sum += grads.data[i] * grads.data[i];
            }
            norms[t] = Math.sqrt(sum);
        }
        return norms;
    }

    /**
     * ‖∂h_T/∂h_k‖ for k = 0..T-1: each sequence starts from a random unit direction u at T
     * (state component 0, h; the others zero), carried back step by step as
     * v_{k-1} = v_k · ∂s_k/∂s_{k-1}; entry k is the mean over the sequences of ‖(v_k)_h‖.
     */
    static double[] jacobianNorms(Cell cell, DMatrixRMaj[] params, CellTrace trace, Xoshiro256 rng) {
        int steps = trace.steps();
        int batch = trace.batch();
        int hidden = cell.hiddenSize();
        DMatrixRMaj[] v = new DMatrixRMaj[cell.stateSize()];
        DMatrixRMaj[] next = new DMatrixRMaj[cell.stateSize()];
        for (int s = 0; s < v.length; s++) {
            v[s] = new DMatrixRMaj(batch, hidden);
            next[s] = new DMatrixRMaj(batch, hidden);
        }
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            for (int j = 0; j < hidden; j++) {
                double g = rng.nextGaussian();
                v[0].data[b * hidden + j] = g;
                sum += g * g;
            }
            CommonOps_DDRM.scaleRow(1 / Math.sqrt(sum), v[0], b);
        }
        double[] norms = new double[steps];
        norms[steps - 1] = meanRowNorm(v[0]);
        for (int t = steps - 1; t > 0; t--) {
            cell.stateVjp(params, trace, t, v, next);
            DMatrixRMaj[] swap = v;
            v = next;
            next = swap;
            norms[t - 1] = meanRowNorm(v[0]);
        }
        return norms;
    }

    private static double meanRowNorm(DMatrixRMaj m) {
        double total = 0;
        for (int r = 0; r < m.numRows; r++) {
            double sum = 0;
            for (int c = 0; c < m.numCols; c++) {
                double x = m.data[r * m.numCols + c];
                sum += x * x;
            }
            total += Math.sqrt(sum);
        }
        return total / m.numRows;
    }

    /** The spectrum of each gate block of a recurrent weight matrix (the whole matrix without gates). */
    static List<Diagnostics.MatrixSpectrum> spectra(String name, ParameterSpec spec, DMatrixRMaj value) {
        List<Diagnostics.MatrixSpectrum> out = new ArrayList<>();
        int blocks = spec.gates().isEmpty() ? 1 : spec.gates().size();
        int rows = spec.gateRows();
        for (int g = 0; g < blocks; g++) {
            DMatrixRMaj block = CommonOps_DDRM.extract(value, g * rows, (g + 1) * rows, 0, value.numCols);
            out.add(new Diagnostics.MatrixSpectrum(name, spec.gates().isEmpty() ? "" : spec.gates().get(g),
                    spectralRadius(block), largestSingularValue(block)));
        }
        return out;
    }

    static double spectralRadius(DMatrixRMaj m) {
        if (m.numRows != m.numCols) {
            return Double.NaN;
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m.numRows, false);
        if (!eig.decompose(m.copy())) {
            return Double.NaN;
        }
        double radius = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            Complex_F64 e = eig.getEigenvalue(i);
            radius = Math.max(radius, e.getMagnitude());
        }
        return radius;
    }

    static double largestSingularValue(DMatrixRMaj m) {
        double[] values = SingularOps_DDRM.singularValues(m.copy());
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, v);
        }
        return largest;
    }

    private static double norm(DMatrixRMaj m) {
        double sum = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            sum += m.data[i] * m.data[i];
        }
        return Math.sqrt(sum);
    }
}
