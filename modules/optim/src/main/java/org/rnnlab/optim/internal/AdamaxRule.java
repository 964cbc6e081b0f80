package org.rnnlab.optim.internal;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.SlotSpec;

/**
 * AdaMax (Kingma &amp; Ba 2015, alg. 2: Adam with the infinity norm) as torch.optim.Adamax 1.13
 * computes it: g = g + weight_decay*p; m = beta1*m + (1 - beta1)*g; u = max(beta2*u, |g| + eps);
 * p = p - lr/(1 - beta1^t) * m/u.
 */
record AdamaxRule(Schedule schedule, double beta1, double beta2, double eps, double weightDecay)
        implements ScheduledRule {
    private static final List<SlotSpec> SLOTS = List.of(SlotSpec.shaped("adamax.m"), SlotSpec.shaped("adamax.u"),
            SlotSpec.scalar("adamax.step"));
    private static final int M = 0;
    private static final int U = 1;
    private static final int STEP = 2;

    /** torch.optim.Adamax's names and defaults (lr 0.002). */
    static AdamaxRule configure(Options options) {
        Hyperparameters h = new Hyperparameters(options, "betas", "beta1", "beta2", "eps", "weight_decay");
        Schedule schedule = Schedule.read(h, 0.002);
        double[] betas = h.betas(0.9, 0.999);
        return new AdamaxRule(schedule, betas[0], betas[1], h.options().positive("eps", 1e-8),
                h.nonNegative("weight_decay", 0));
    }

    @Override
    public List<SlotSpec> slots() {
        return SLOTS;
    }

    @Override
    public void apply(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj[] slots, double lr) {
        double[] p = param.data;
        double[] g = grad.data;
        double[] m = slots[M].data;
        double[] u = slots[U].data;
        double t = ++slots[STEP].data[0];
        double clr = lr / (1 - Math.pow(beta1, t));
        int n = param.getNumElements();
        for (int i = 0; i < n; i++) {
            double gi = g[i] + weightDecay * p[i];
            m[i] = m[i] * beta1 + (1 - beta1) * gi;
            u[i] = Math.max(u[i] * beta2, Math.abs(gi) + eps);
            p[i] += -clr * m[i] / u[i];
        }
    }
}
