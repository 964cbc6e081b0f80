package org.rnnlab.cell.esn.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.core.cell.Activation;
import org.rnnlab.core.cell.Units;
import org.rnnlab.core.cell.WindowCell;

/**
 * The leaky-integrator echo state network (Jaeger 2001; Lukoševičius 2012, eq. 2–3) over a
 * whole window:
 * <pre>
 *   z_t = tanh(x_t W_in^T + b + h_{t-1} W^T)
 *   h_t = (1 − a) h_{t-1} + a z_t
 * </pre>
 * with leaking rate a; at a = 1 it is the tanh Elman step with one bias. W_in, W and b are frozen
 * (declared not trainable) and built by {@link #initialize}. Backward is exact BPTT all the
 * same: the gradient reaches the inputs, hence any layer below, and the initial state; the
 * gradients of the frozen parameters are computed as for any cell (the finite-difference checks
 * cover them) and the trainer never applies them.
 */
final class EsnCell extends WindowCell<EsnTrace> {
    private static final int BIAS = 2;

    private final ReservoirOptions options;
    private final double leak;

    EsnCell(int inputSize, int hiddenSize, ReservoirOptions options, MatrixBackend backend) {
        super("an echo state network", EsnTrace.class, inputSize, hiddenSize, 1, List.of("h"), List.of(
                frozen("weight_ih", hiddenSize, inputSize, ParameterRole.INPUT_WEIGHTS),
                frozen("weight_hh", hiddenSize, hiddenSize, ParameterRole.RECURRENT_WEIGHTS),
                frozen("bias", 1, hiddenSize, ParameterRole.BIAS)), backend);
        this.options = options;
        this.leak = options.leak();
    }

    private static ParameterSpec frozen(String name, int rows, int cols, ParameterRole role) {
        return new ParameterSpec(name, rows, cols, role, List.of(), false);
    }

    /**
     * Replaces whatever the run's initializers wrote by the reservoir of the cell's options
     * ({@link Reservoir}) and reports the spectral radius of W measured after rescaling.
     */
    @Override
    public Map<String, String> initialize(DMatrixRMaj[] params, RandomSource rng) {
        double measured = Reservoir.build(params[WEIGHT_IH], params[WEIGHT_HH], params[BIAS], options, rng);
        return Map.of("spectral radius", String.format(Locale.ROOT, "%.6f", measured));
    }

    @Override
    public EsnTrace newTrace(int batch, int capacity) {
        return new EsnTrace(batch, capacity, inputSize(), hiddenSize());
    }

    /** Its steps read other units only through the step's products, after the shares meet. */
    @Override
    protected boolean splitsWindow() {
        return true;
    }

    /** A_t += b + h_{t-1} W^T, z_t = tanh(A_t) in place, h_t = (1 − a) h_{t-1} + a z_t, for the units. */
    @Override
    protected void forwardWindow(DMatrixRMaj[] params, EsnTrace window, int steps, Units units) {
        int hidden = hiddenSize();
        int batch = window.batch();
        int block = window.block();
        double[] z = window.gates().data;
        double[] h = window.outputs().data;
        units.inputsPlusBias(window, 0, steps * batch, 1, params[BIAS].data, null);
        for (int t = 0; t < steps; t++) {
            double[] previous = window.previousHidden(t);
            int previousOffset = window.previousOffset(t);
            int offset = t * block;
            units.recurrentProduct(previous, previousOffset, params[WEIGHT_HH].data, 1, 1, z, offset, hidden);
            for (int b = units.firstSequence(); b < units.endSequence(); b++) {
                int row = b * hidden + units.from();
                Activation.TANH.apply(z, z, offset + row, units.count());
                for (int i = row; i < row + units.count(); i++) {
                    h[offset + i] = (1 - leak) * previous[previousOffset + i] + leak * z[offset + i];
                }
            }
            units.awaitOthers();
        }
    }

    /**
     * When step t is reached dL/dh_t is complete; dL/da_t = a · dL/dh_t ⊙ (1 − z_t²) and
     * dL/dh_{t-1} += (1 − a) dL/dh_t + dL/da_t W (the product after the shares meet).
     */
    @Override
    protected void backwardWindow(DMatrixRMaj[] params, EsnTrace window, DMatrixRMaj[] gradFinalState,
            DMatrixRMaj[] gradParams, Units units) {
        int hidden = hiddenSize();
        int block = window.block();
        double[] z = window.gates().data;
        double[] dh = window.hiddenGradients().data;
        double[] da = window.gateGradients().data;
        for (int t = window.steps() - 1; t >= 0; t--) {
            int offset = t * block;
            double[] previousGradient = window.previousHiddenGradient(t);
            int previousOffset = window.previousOffset(t);
            for (int b = units.firstSequence(); b < units.endSequence(); b++) {
                int row = b * hidden + units.from();
                for (int i = row; i < row + units.count(); i++) {
                    da[offset + i] = leak * dh[offset + i] * Activation.tanhSlope(z[offset + i]);
                    previousGradient[previousOffset + i] += (1 - leak) * dh[offset + i];
                }
            }
            units.awaitOthers();
            units.backProduct(da, offset, hidden, params[WEIGHT_HH].data, 1, window, previousGradient,
                    previousOffset);
        }
    }

    /** b enters a_t with coefficient 1. */
    @Override
    protected int[] inputBiases() {
        return new int[] {BIAS};
    }

    /** dW += Σ_t dA_t^T h_{t-1}. */
    @Override
    protected void addWeightGradients(DMatrixRMaj[] params, EsnTrace window, DMatrixRMaj[] gradParams) {
        addPreviousStateProducts(window.gateGradients().data, 0, hiddenSize(), window, gradParams[WEIGHT_HH].data, 0);
    }

    /** ∂h_t/∂h_{t-1} = (1 − a) I + a diag(1 − z_t²) W, so v · ∂h_t/∂h_{t-1} = (1 − a) v + u W, u = a v ⊙ (1 − z_t²). */
    @Override
    protected void stepVjp(DMatrixRMaj[] params, EsnTrace window, int t, DMatrixRMaj[] v, DMatrixRMaj[] out) {
        int hidden = hiddenSize();
        double[] u = scaledByDerivative(window, t, v[0]);
        double[] result = out[0].data;
        double[] vector = v[0].data;
        for (int i = 0; i < result.length; i++) {
            result[i] = (1 - leak) * vector[i];
        }
        backend().gemm(false, false, window.batch(), hidden, hidden, 1, u, 0, hidden, params[WEIGHT_HH].data, 0,
                hidden, 1, result, 0, hidden);
    }

    /**
     * With u = a v ⊙ (1 − z_t²) held constant, ⟨w, (1 − a) v + u W⟩ depends on the parameters
     * only through W, linearly, with gradient u^T w (Pascanu et al. 2013, eq. 10).
     */
    @Override
    protected void stepVjpParameterGradient(DMatrixRMaj[] params, EsnTrace window, int t, DMatrixRMaj[] v,
            DMatrixRMaj[] w, DMatrixRMaj[] gradParams) {
        int hidden = hiddenSize();
        double[] u = scaledByDerivative(window, t, v[0]);
        backend().gemm(true, false, hidden, hidden, window.batch(), 1, u, 0, hidden, w[0].data, 0, hidden, 1,
                gradParams[WEIGHT_HH].data, 0, hidden);
    }

    /** a · v ⊙ (1 − z_t²), in the trace's step scratch. */
    private double[] scaledByDerivative(EsnTrace window, int t, DMatrixRMaj v) {
        double[] u = window.stepScratch().data;
        double[] z = window.gates().data;
        int offset = t * window.block();
        for (int i = 0; i < u.length; i++) {
            u[i] = leak * v.data[i] * Activation.tanhSlope(z[offset + i]);
        }
        return u;
    }
}
