package org.rnnlab.optim.internal;

import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.SlotSpec;

/**
 * Adagrad (Duchi, Hazan &amp; Singer 2011) as torch.optim.Adagrad 1.13 computes it:
 * g = g + weight_decay*p; clr = lr / (1 + (t - 1)*lr_decay); sum = sum + g*g;
 * p = p - clr*g / (sqrt(sum) + eps), with t the rule's own step count.
 */
record AdagradRule(Schedule schedule, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps)
        implements ScheduledRule {
    private static final List<SlotSpec> SLOTS = List.of(SlotSpec.shaped("adagrad.sum"), SlotSpec.scalar("adagrad.step"));
    private static final int SUM = 0;
    private static final int STEP = 1;

    /** torch.optim.Adagrad's names and defaults (note eps = 1e-10). */
    static AdagradRule configure(Options options) {
        Hyperparameters h = new Hyperparameters(options, "lr_decay", "weight_decay", "initial_accumulator_value", "eps");
        return new AdagradRule(Schedule.read(h, 0.01), h.nonNegative("lr_decay", 0), h.nonNegative("weight_decay", 0),
                h.nonNegative("initial_accumulator_value", 0), h.options().positive("eps", 1e-10));
    }

    @Override
    public List<SlotSpec> slots() {
        return SLOTS;
    }

    @Override
    public void apply(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj[] slots, double lr) {
        double[] p = param.data;
        double[] g = grad.data;
        double[] sum = slots[SUM].data;
        double[] step = slots[STEP].data;
        if (step[0] == 0) {
            // Fresh slots are zero; PyTorch starts the sum at initial_accumulator_value.
            Arrays.fill(sum, initialAccumulatorValue);
        }
        double t = ++step[0];
        double clr = lr / (1 + (t - 1) * lrDecay);
        int n = param.getNumElements();
        for (int i = 0; i < n; i++) {
            double gi = g[i] + weightDecay * p[i];
            sum[i] += gi * gi;
            p[i] += -clr * gi / (Math.sqrt(sum[i]) + eps);
        }
    }
}
