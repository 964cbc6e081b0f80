package org.rnnlab.conformance;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.testkit.CellReference;
import org.rnnlab.testkit.DeclarativeComponents;
import org.rnnlab.testkit.suite.CellTypeContract;

/**
 * rnnlab's LSTM passes the suite third parties use, against PyTorch's equations with gates
 * i, f, g, o stacked in that order: c_t = f ⊙ c_{t-1} + i ⊙ g, h_t = o ⊙ tanh(c_t).
 */
class LstmContractTest extends CellTypeContract {
    @Override
    protected CellType cellType() {
        return DeclarativeComponents.onClassPath().find(CellType.class, "lstm").orElseThrow();
    }

    @Override
    protected CellReference reference() {
        return LstmContractTest::step;
    }

    private static double[][] step(DMatrixRMaj[] p, double[] x, double[][] s) {
        int hidden = s[0].length;
        double[] h = new double[hidden];
        double[] c = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double i = sigmoid(gate(p, x, s[0], 0 * hidden + j));
            double f = sigmoid(gate(p, x, s[0], 1 * hidden + j));
            double g = Math.tanh(gate(p, x, s[0], 2 * hidden + j));
            double o = sigmoid(gate(p, x, s[0], 3 * hidden + j));
            c[j] = f * s[1][j] + i * g;
            h[j] = o * Math.tanh(c[j]);
        }
        return new double[][] {h, c};
    }

    /** Row {@code row} of W_ih x + b_ih + W_hh h + b_hh. */
    private static double gate(DMatrixRMaj[] p, double[] x, double[] h, int row) {
        double z = p[2].get(0, row) + p[3].get(0, row);
        for (int i = 0; i < x.length; i++) {
            z += p[0].get(row, i) * x[i];
        }
        for (int k = 0; k < h.length; k++) {
            z += p[1].get(row, k) * h[k];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
