package org.rnnlab.conformance;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.testkit.CellReference;
import org.rnnlab.testkit.DeclarativeComponents;
import org.rnnlab.testkit.suite.CellTypeContract;

/** rnnlab's own Elman cell passes the suite third parties use: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) (Elman 1990, PyTorch's layout). */
class ElmanTanhContractTest extends CellTypeContract {
    @Override
    protected CellType cellType() {
        return DeclarativeComponents.onClassPath().find(CellType.class, "rnn-tanh").orElseThrow();
    }

    @Override
    protected CellReference reference() {
        return ElmanTanhContractTest::step;
    }

    private static double[][] step(DMatrixRMaj[] p, double[] x, double[][] s) {
        int hidden = s[0].length;
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double z = p[2].get(0, j) + p[3].get(0, j);
            for (int i = 0; i < x.length; i++) {
                z += p[0].get(j, i) * x[i];
            }
            for (int k = 0; k < hidden; k++) {
                z += p[1].get(j, k) * s[0][k];
            }
            h[j] = Math.tanh(z);
        }
        return new double[][] {h};
    }
}
