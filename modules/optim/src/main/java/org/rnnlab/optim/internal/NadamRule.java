package org.rnnlab.optim.internal;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.SlotSpec;

/**
 * NAdam (Dozat 2016: Adam with Nesterov momentum and a momentum schedule) as torch.optim.NAdam
 * 1.13 computes it. With t the rule's step count and psi = momentum_decay:
 * mu_t = beta1*(1 - 0.5*0.96^(t*psi)), mu_product = mu_1*...*mu_t (a scalar slot, 1 before the
 * first step); g = g + weight_decay*p; m and v as in Adam; denom = sqrt(v/(1 - beta2^t)) + eps;
 * p = p - lr*(1 - mu_t)/(1 - mu_product) * g/denom - lr*mu_{t+1}/(1 - mu_product*mu_{t+1}) * m/denom.
 */
record NadamRule(Schedule schedule, double beta1, double beta2, double eps, double weightDecay, double momentumDecay)
        implements ScheduledRule {
    private static final List<SlotSpec> SLOTS = List.of(SlotSpec.shaped("nadam.m"), SlotSpec.shaped("nadam.v"),
            SlotSpec.scalar("nadam.mu_product"), SlotSpec.scalar("nadam.step"));
    private static final int M = 0;
    private static final int V = 1;
    private static final int MU_PRODUCT = 2;
    private static final int STEP = 3;

    /** torch.optim.NAdam's names and defaults (lr 0.002, momentum_decay 0.004). */
    static NadamRule configure(Options options) {
        Hyperparameters h = new Hyperparameters(options, "betas", "beta1", "beta2", "eps", "weight_decay",
                "momentum_decay");
        Schedule schedule = Schedule.read(h, 0.002);
        double[] betas = h.betas(0.9, 0.999);
        return new NadamRule(schedule, betas[0], betas[1], h.options().positive("eps", 1e-8),
                h.nonNegative("weight_decay", 0), h.nonNegative("momentum_decay", 0.004));
    }

    @Override
    public List<SlotSpec> slots() {
        return SLOTS;
    }

    /** Dozat's momentum schedule mu_t. */
    private double mu(double t) {
        return beta1 * (1.0 - 0.5 * Math.pow(0.96, t * momentumDecay));
    }

    @Override
    public void apply(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj[] slots, double lr) {
        double[] p = param.data;
        double[] g = grad.data;
        double[] m = slots[M].data;
        double[] v = slots[V].data;
        double[] muProduct = slots[MU_PRODUCT].data;
        double[] step = slots[STEP].data;
        if (step[0] == 0) {
            // Fresh slots are zero; the empty product is 1.
            muProduct[0] = 1;
        }
        double t = ++step[0];
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        double mu = mu(t);
        double muNext = mu(t + 1);
        muProduct[0] *= mu;
        double muProductNext = muProduct[0] * muNext;
        double gradientScale = -lr * (1.0 - mu) / (1.0 - muProduct[0]);
        double momentScale = -lr * muNext / (1.0 - muProductNext);
        int n = param.getNumElements();
        for (int i = 0; i < n; i++) {
            double gi = g[i] + weightDecay * p[i];
            m[i] = m[i] * beta1 + (1 - beta1) * gi;
            v[i] = v[i] * beta2 + (1 - beta2) * gi * gi;
            double denominator = Math.sqrt(v[i] / biasCorrection2) + eps;
            p[i] += gradientScale * gi / denominator;
            p[i] += momentScale * m[i] / denominator;
        }
    }
}
