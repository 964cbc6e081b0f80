package org.rnnlab.remedy.internal;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

/**
 * A cell with two state components (h, c), as an LSTM has, reduced to what the Pascanu penalty
 * uses: its state Jacobian is the same at every step, with blocks A and C,
 * <pre>
 *   (v_h, v_c) · ∂s_t/∂s_{t-1} = (v_h A + v_c C,  v_h C + v_c A)
 * </pre>
 * so a penalty that fed ∂E/∂c into v, or measured the c component, would see C. Only
 * {@link #stateVjp} and {@link #stateVjpParameterGradient} are meant to be called.
 */
final class TwoStateCell implements Cell {
    static final int A = 0;
    static final int C = 1;
    private final int hidden;

    TwoStateCell(int hidden) {
        this.hidden = hidden;
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int hiddenSize() {
        return hidden;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.of("a", hidden, hidden, ParameterRole.RECURRENT_WEIGHTS),
                ParameterSpec.of("c", hidden, hidden, ParameterRole.RECURRENT_WEIGHTS));
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    public CellTrace newTrace(int batch, int capacity) {
        throw new UnsupportedOperationException("a Jacobian-only test cell has no forward pass");
    }

    @Override
    public void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState,
            CellTrace trace) {
        throw new UnsupportedOperationException("a Jacobian-only test cell has no forward pass");
    }

    @Override
    public void backward(DMatrixRMaj[] params, CellTrace trace, DMatrixRMaj gradOutputs, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, DMatrixRMaj gradInputs, DMatrixRMaj[] gradInitialState) {
        throw new UnsupportedOperationException("a Jacobian-only test cell has no backward pass");
    }

    @Override
    public void stateVjp(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        out[0].zero();
        out[1].zero();
        multiplyAdd(v[0], params[A], out[0]);
        multiplyAdd(v[1], params[C], out[0]);
        multiplyAdd(v[0], params[C], out[1]);
        multiplyAdd(v[1], params[A], out[1]);
    }

    /** ∂/∂A ⟨w, v·J⟩ = v_h^T w_h + v_c^T w_c and ∂/∂C = v_c^T w_h + v_h^T w_c, summed over the batch. */
    @Override
    public void stateVjpParameterGradient(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        outerAdd(v[0], w[0], gradParams[A]);
        outerAdd(v[1], w[1], gradParams[A]);
        outerAdd(v[1], w[0], gradParams[C]);
        outerAdd(v[0], w[1], gradParams[C]);
    }

    /** out += v M, row by row. */
    private static void multiplyAdd(DMatrixRMaj v, DMatrixRMaj m, DMatrixRMaj out) {
        for (int b = 0; b < v.numRows; b++) {
            for (int i = 0; i < m.numRows; i++) {
                for (int j = 0; j < m.numCols; j++) {
                    out.add(b, j, v.get(b, i) * m.get(i, j));
                }
            }
        }
    }

    /** g += v^T w. */
    private static void outerAdd(DMatrixRMaj v, DMatrixRMaj w, DMatrixRMaj g) {
        for (int b = 0; b < v.numRows; b++) {
            for (int i = 0; i < g.numRows; i++) {
                for (int j = 0; j < g.numCols; j++) {
                    g.add(i, j, v.get(b, i) * w.get(b, j));
                }
            }
        }
    }

    /** A trace holding only the gradients ∂E/∂h_t of a window. */
    record Window(int batch, int steps, DMatrixRMaj hiddenGradients) implements CellTrace {
        @Override
        public int capacity() {
            return steps;
        }

        @Override
        public DMatrixRMaj outputs() {
            throw new UnsupportedOperationException("the Pascanu penalty reads no outputs");
        }

        @Override
        public DMatrixRMaj[] finalState() {
            throw new UnsupportedOperationException("the Pascanu penalty reads no final state");
        }
    }
}
