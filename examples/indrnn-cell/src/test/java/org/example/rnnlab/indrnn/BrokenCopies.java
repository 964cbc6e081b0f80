package org.example.rnnlab.indrnn;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.api.cell.CellType;

/**
 * Deliberately broken copies of the IndRNN, each with one mistake cell authors make, for
 * {@link BrokenCopiesTest}: the suite must fail each of them, and say what is wrong.
 */
final class BrokenCopies {
    private BrokenCopies() {
    }

    /** A cell type whose kernels are the IndRNN's, changed by {@code breaking}. */
    private static CellType broken(UnaryOperator<Cell> breaking) {
        return new CellType() {
            @Override
            public Cell create(CellSpec spec) {
                return breaking.apply(new IndRnnCellType().create(spec));
            }
        };
    }

    /** Backward adds a stray term to du: a wrong gradient. */
    static CellType wrongGradient() {
        return broken(cell -> new DelegatingCell(cell) {
            @Override
            public void backward(DMatrixRMaj[] params, CellTrace trace, DMatrixRMaj gradOutputs,
                    DMatrixRMaj[] gradFinalState, DMatrixRMaj[] gradParams, DMatrixRMaj gradInputs,
                    DMatrixRMaj[] gradInitialState) {
                super.backward(params, trace, gradOutputs, gradFinalState, gradParams, gradInputs, gradInitialState);
                for (int j = 0; j < gradParams[1].data.length; j++) {
                    gradParams[1].data[j] += 1e-3;
                }
            }
        });
    }

    /**
     * u and b read from each other's places: h_t = relu(W x_t + b ⊙ h_{t−1} + u), a wrong
     * equation whose backward is its exact derivative, so only the forward check can see it.
     */
    static CellType wrongEquation() {
        return broken(cell -> new DelegatingCell(cell) {
            @Override
            public void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState,
                    CellTrace trace) {
                super.forward(swapped(params), inputs, steps, initialState, trace);
            }

            @Override
            public void backward(DMatrixRMaj[] params, CellTrace trace, DMatrixRMaj gradOutputs,
                    DMatrixRMaj[] gradFinalState, DMatrixRMaj[] gradParams, DMatrixRMaj gradInputs,
                    DMatrixRMaj[] gradInitialState) {
                super.backward(swapped(params), trace, gradOutputs, gradFinalState, swapped(gradParams), gradInputs,
                        gradInitialState);
            }

            @Override
            public void stateVjp(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
                super.stateVjp(swapped(params), trace, t, v, out);
            }

            @Override
            public void stateVjpParameterGradient(DMatrixRMaj[] params, CellTrace trace, int t, DMatrixRMaj[] v,
                    DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
                super.stateVjpParameterGradient(swapped(params), trace, t, v, w, swapped(gradParams));
            }

            private DMatrixRMaj[] swapped(DMatrixRMaj[] p) {
                return new DMatrixRMaj[] {p[0], p[2], p[1]};
            }
        });
    }

    /**
     * The trace forgets its inputs: it keeps a reference to the caller's matrix, and backward reads
     * them from there, after the caller has refilled it. Simulated by copying the referenced
     * matrix into the trace just before backward.
     */
    static CellType forgetfulTrace() {
        return broken(cell -> new DelegatingCell(cell) {
            private final Map<CellTrace, DMatrixRMaj> callersInputs = new IdentityHashMap<>();

            @Override
            public void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState,
                    CellTrace trace) {
                callersInputs.put(trace, inputs);
                super.forward(params, inputs, steps, initialState, trace);
            }

            @Override
            public void backward(DMatrixRMaj[] params, CellTrace trace, DMatrixRMaj gradOutputs,
                    DMatrixRMaj[] gradFinalState, DMatrixRMaj[] gradParams, DMatrixRMaj gradInputs,
                    DMatrixRMaj[] gradInitialState) {
                IndRnnTrace window = (IndRnnTrace) trace;
                System.arraycopy(callersInputs.get(trace).data, 0, window.inputs.data, 0,
                        window.steps * window.batch * delegate.inputSize());
                super.backward(params, trace, gradOutputs, gradFinalState, gradParams, gradInputs, gradInitialState);
            }
        });
    }

    /** Allocates a batch x hidden buffer per step, as a kernel that builds its products per step would. */
    static CellType allocatingPerStep() {
        return broken(cell -> new DelegatingCell(cell) {
            /** Kept, so escape analysis cannot remove the allocation. */
            private double[] lastBuffer;

            @Override
            public void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState,
                    CellTrace trace) {
                for (int t = 0; t < steps; t++) {
                    lastBuffer = new double[trace.batch() * delegate.hiddenSize()];
                }
                super.forward(params, inputs, steps, initialState, trace);
            }
        });
    }

    /** Turns NaN outputs into 0, as a ReLU written as {@code z > 0 ? z : 0} does. */
    static CellType maskingNan() {
        return broken(cell -> new DelegatingCell(cell) {
            @Override
            public void forward(DMatrixRMaj[] params, DMatrixRMaj inputs, int steps, DMatrixRMaj[] initialState,
                    CellTrace trace) {
                super.forward(params, inputs, steps, initialState, trace);
                double[] h = trace.outputs().data;
                for (int i = 0; i < h.length; i++) {
                    h[i] = Double.isNaN(h[i]) ? 0 : h[i];
                }
            }
        });
    }
}
