package org.rnnlab.optim.internal;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.SlotSpec;

/**
 * Adam (Kingma &amp; Ba 2015, alg. 1) as torch.optim.Adam 1.13 computes it: eps is added to the
 * bias-corrected root, sqrt(v)/sqrt(1 - beta2^t) + eps, not inside it. Weight decay is an L2 term
 * in the gradient, or with {@code decoupled} a shrinking of the weights before the step
 * (Loshchilov &amp; Hutter 2019, torch.optim.AdamW): p = p*(1 - lr*weight_decay). AMSGrad (Reddi
 * et al. 2018) divides by the largest second moment seen instead of the current one. The
 * components {@code adam}, {@code adamw} and {@code amsgrad} are this rule with other defaults.
 */
record AdamRule(Schedule schedule, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
        boolean decoupled) implements ScheduledRule {
    private static final SlotSpec FIRST_MOMENT = SlotSpec.shaped("adam.m");
    private static final SlotSpec SECOND_MOMENT = SlotSpec.shaped("adam.v");
    private static final SlotSpec MAX_SECOND_MOMENT = SlotSpec.shaped("adam.vmax");
    private static final SlotSpec STEP = SlotSpec.scalar("adam.step");
    private static final int M = 0;
    private static final int V = 1;
    private static final int VMAX = 2;

    /**
     * torch.optim.Adam's (or, with {@code decoupled}, AdamW's) names and defaults;
     * {@code defaultWeightDecay} is 0 for Adam and 0.01 for AdamW, as in PyTorch.
     */
    static AdamRule configure(Options options, double defaultWeightDecay, boolean defaultAmsgrad, boolean decoupled) {
        Hyperparameters h = new Hyperparameters(options, "betas", "beta1", "beta2", "eps", "weight_decay", "amsgrad");
        Schedule schedule = Schedule.read(h, 0.001);
        double[] betas = h.betas(0.9, 0.999);
        double eps = h.options().positive("eps", 1e-8);
        double weightDecay = h.nonNegative("weight_decay", defaultWeightDecay);
        boolean amsgrad = h.options().bool("amsgrad", defaultAmsgrad);
        return new AdamRule(schedule, betas[0], betas[1], eps, weightDecay, amsgrad, decoupled);
    }

    @Override
    public List<SlotSpec> slots() {
        return amsgrad ? List.of(FIRST_MOMENT, SECOND_MOMENT, MAX_SECOND_MOMENT, STEP)
                : List.of(FIRST_MOMENT, SECOND_MOMENT, STEP);
    }

    /** The step count follows the moments, as {@link #slots()} lists them. */
    private int stepSlot() {
        return amsgrad ? VMAX + 1 : V + 1;
    }

    @Override
    public void apply(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj[] slots, double lr) {
        double[] p = param.data;
        double[] g = grad.data;
        double[] m = slots[M].data;
        double[] v = slots[V].data;
        double[] vmax = amsgrad ? slots[VMAX].data : null;
        double[] step = slots[stepSlot()].data;
        double t = ++step[0];
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double rootBiasCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
        double shrink = decoupled ? 1 - lr * weightDecay : 1;
        double l2 = decoupled ? 0 : weightDecay;
        int n = param.getNumElements();
        for (int i = 0; i < n; i++) {
            p[i] *= shrink;
            double gi = g[i] + l2 * p[i];
            m[i] = m[i] * beta1 + (1 - beta1) * gi;
            double second = v[i] * beta2 + (1 - beta2) * gi * gi;
            v[i] = second;
            if (amsgrad) { // loop-invariant: the JIT makes two loops, and the plain one vectorizes
                second = Math.max(vmax[i], second);
                vmax[i] = second;
            }
            double denominator = Math.sqrt(second) / rootBiasCorrection2 + eps;
            p[i] += -stepSize * m[i] / denominator;
        }
    }
}
