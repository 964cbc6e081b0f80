package org.rnnlab.trainer.internal.model;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.remedy.ModelGradients;

/** The network and training workspace as remedies see them after backward. */
public final class Gradients implements ModelGradients {
    private final List<Parameter> parameters;
    private final List<Layer> layers = new ArrayList<>();

    public Gradients(Network network, Workspace ws) {
        this.parameters = network.parameters();
        for (int l = 0; l < network.layers(); l++) {
            for (int d = 0; d < network.directions; d++) {
                Network.Unit unit = network.units[l][d];
                CellTrace trace = ws.traces[l][d];
                layers.add(new Layer() {
                    @Override
                    public Cell cell() {
                        return unit.cell;
                    }

                    @Override
                    public DMatrixRMaj[] params() {
                        return unit.params;
                    }

                    @Override
                    public DMatrixRMaj[] gradients() {
                        return unit.grads;
                    }

                    @Override
                    public CellTrace trace() {
                        return trace;
                    }
                });
            }
        }
    }

    private double loss = Double.NaN;

    public void loss(double value) {
        loss = value;
    }

    @Override
    public double loss() {
        return loss;
    }

    @Override
    public int size() {
        return parameters.size();
    }

    @Override
    public String name(int i) {
        return parameters.get(i).name();
    }

    @Override
    public ParameterSpec spec(int i) {
        return parameters.get(i).spec();
    }

    @Override
    public DMatrixRMaj value(int i) {
        return parameters.get(i).value();
    }

    @Override
    public DMatrixRMaj gradient(int i) {
        return parameters.get(i).gradient();
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    /**
     * Global L2 norm of all gradients. Finite whenever every element is: when the plain sum of
     * squares overflows (elements beyond 1e154), it is summed again scaled by the largest |g|,
     * as LAPACK's dnrm2 avoids overflow, so a guard's verdict and this check agree.
     */
    public double norm() {
        double sum = 0;
        for (Parameter p : parameters) {
            sum += sumOfSquares(p.gradient());
        }
        return Double.isInfinite(sum) ? scaledNorm() : Math.sqrt(sum);
    }

    private double scaledNorm() {
        double max = 0;
        for (Parameter p : parameters) {
            for (double v : p.gradient().data) {
                max = Math.max(max, Math.abs(v)); // NaN and infinity give a non-finite max
            }
        }
        if (!Double.isFinite(max)) {
            return max;
        }
        double sum = 0;
        for (Parameter p : parameters) {
            DMatrixRMaj g = p.gradient();
            for (int i = 0; i < g.getNumElements(); i++) {
                double x = g.data[i] / max;
                sum += x * x;
            }
        }
        return max * Math.sqrt(sum);
    }

    public static double sumOfSquares(DMatrixRMaj m) {
        double sum = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            sum += m.data[i] * m.data[i];
        }
        return sum;
    }
}
