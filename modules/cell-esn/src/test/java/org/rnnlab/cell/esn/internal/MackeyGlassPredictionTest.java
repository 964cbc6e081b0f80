package org.rnnlab.cell.esn.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellTrace;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.tasks.internal.MackeyGlass;
import org.rnnlab.testkit.CellMatrices;

/**
 * The acceptance experiment of Jaeger 2001 (GMD Report 148, section 4; Jaeger &amp; Haas 2004):
 * a 400-unit reservoir (radius 0.95, input_scaling 1, bias_scaling 0.2, sparsity 0.95, leak 1,
 * seed 1) is driven by the τ = 17 Mackey–Glass series squashed to s = tanh(x − 1) for a washout
 * of 1000 steps and 3000 training steps (teacher forcing: input s_t, target s_{t+1}); a readout
 * w · [1, s_t, h_t] is fitted by ridge regression, λ = 1e-10. Then 50 trials, starting 97 steps
 * apart after the training data, each synchronize a zero state on 500 true samples and run free
 * for 84 steps, the prediction fed back as the next input. NRMSE_84 = sqrt(mean squared error of
 * x at step 84 / Var(x)), in the original units as Jaeger reports it.
 *
 * <p>Measured: NRMSE_84 = 5.83e-4 (Jaeger 2001: 2.8e-4 with his reservoir, noise and output
 * feedback; the same sweep here gave 1.0e-3 at input_scaling 0.5 and 1.5e-3 at radius 0.8).
 */
class MackeyGlassPredictionTest {
    private static final int UNITS = 400;
    private static final int WASHOUT = 1000;
    private static final int TRAINING = 3000;
    private static final int HORIZON = 84;
    private static final int TRIALS = 50;
    private static final int TRIAL_WASHOUT = 500;
    private static final int TRIAL_SPACING = 97;

    private static double nrmse(Map<String, String> options, double ridge, long seed) {
        int samples = WASHOUT + TRAINING + 1 + TRIALS * TRIAL_SPACING + TRIAL_WASHOUT + HORIZON + 1;
        double[] x = MackeyGlass.series(17, samples);
        double[] s = new double[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = Math.tanh(x[i] - 1);
        }
        Cell cell = Fixtures.cell(1, UNITS, options);
        DMatrixRMaj[] params = CellMatrices.zeroParameters(cell);
        cell.initialize(params, new Xoshiro256(seed));

        // Teacher forcing: u_t = s_t, target s_{t+1}; states after the washout are collected.
        int steps = WASHOUT + TRAINING;
        DMatrixRMaj inputs = new DMatrixRMaj(steps, 1);
        System.arraycopy(s, 0, inputs.data, 0, steps);
        CellTrace trace = cell.newTrace(1, steps);
        cell.forward(params, inputs, steps, CellMatrices.zeroStates(cell, 1), trace);
        DMatrixRMaj features = new DMatrixRMaj(TRAINING, UNITS + 2);
        DMatrixRMaj targets = new DMatrixRMaj(TRAINING, 1);
        for (int t = WASHOUT; t < steps; t++) {
            RidgeReadout.features(s[t], trace.outputs().data, t * UNITS, UNITS, features, t - WASHOUT);
            targets.data[t - WASHOUT] = s[t + 1];
        }
        RidgeReadout readout = RidgeReadout.fit(features, targets, ridge);

        // Trials: each synchronizes on the true series from a zero state, then runs free.
        int first = steps + 1;
        DMatrixRMaj trialInputs = new DMatrixRMaj(TRIAL_WASHOUT * TRIALS, 1);
        for (int k = 0; k < TRIALS; k++) {
            for (int t = 0; t < TRIAL_WASHOUT; t++) {
                trialInputs.data[t * TRIALS + k] = s[first + k * TRIAL_SPACING + t];
            }
        }
        CellTrace sync = cell.newTrace(TRIALS, TRIAL_WASHOUT);
        cell.forward(params, trialInputs, TRIAL_WASHOUT, CellMatrices.zeroStates(cell, TRIALS), sync);
        // predicted[k]: the readout's guess of the sample after trial k's latest input.
        double[] predicted = new double[TRIALS];
        for (int k = 0; k < TRIALS; k++) {
            double lastInput = s[first + k * TRIAL_SPACING + TRIAL_WASHOUT - 1];
            predicted[k] = readout.predict(lastInput, sync.finalState()[0].data, k * UNITS);
        }
        CellTrace free = cell.newTrace(TRIALS, 1);
        DMatrixRMaj[] state = CellMatrices.copies(sync.finalState());
        DMatrixRMaj stepInput = new DMatrixRMaj(TRIALS, 1);
        for (int n = 1; n < HORIZON; n++) {
            System.arraycopy(predicted, 0, stepInput.data, 0, TRIALS);
            cell.forward(params, stepInput, 1, state, free);
            state[0].setTo(free.finalState()[0]);
            for (int k = 0; k < TRIALS; k++) {
                predicted[k] = readout.predict(stepInput.data[k], state[0].data, k * UNITS);
            }
        }
        double variance = variance(x);
        double sum = 0;
        for (int k = 0; k < TRIALS; k++) {
            double truth = x[first + k * TRIAL_SPACING + TRIAL_WASHOUT - 1 + HORIZON];
            double guess = 1 + atanh(predicted[k]);
            sum += (truth - guess) * (truth - guess);
        }
        return Math.sqrt(sum / TRIALS / variance);
    }

    private static double atanh(double y) {
        return 0.5 * Math.log((1 + y) / (1 - y));
    }

    private static double variance(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }

    @Test
    void reservoirWithRidgeReadoutPredicts84StepsAhead() {
        double error = nrmse(Map.of("radius", "0.95", "input_scaling", "1", "bias_scaling", "0.2", "sparsity", "0.95"),
                1e-10, 1);
        assertTrue(error < 1e-3, "NRMSE_84 " + error);
    }
}
