package org.rnnlab.optim.internal;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.SlotSpec;

/**
 * Stochastic gradient descent exactly as torch.optim.SGD 1.13 computes it (momentum in the form of
 * Sutskever et al. 2013): d = g + weight_decay*p; with momentum, buf = d on the first step
 * (undamped) and buf = momentum*buf + (1 - dampening)*d afterwards, then d = d + momentum*buf
 * (Nesterov) or d = buf; finally p = p - lr*d. The components {@code sgd}, {@code momentum} and
 * {@code nesterov} differ only in their defaults.
 */
record SgdRule(Schedule schedule, double momentum, double dampening, double weightDecay, boolean nesterov)
        implements ScheduledRule {
    private static final List<SlotSpec> MOMENTUM_SLOTS = List.of(SlotSpec.shaped("sgd.momentum"), SlotSpec.scalar("sgd.step"));
    private static final int BUFFER = 0;
    private static final int STEP = 1;

    /** PyTorch's names and defaults, except that lr defaults to 0.01 (PyTorch requires it). */
    static SgdRule configure(Options options, double defaultMomentum, boolean defaultNesterov) {
        Hyperparameters h = new Hyperparameters(options, "momentum", "dampening", "weight_decay", "nesterov");
        Schedule schedule = Schedule.read(h, 0.01);
        double momentum = h.nonNegative("momentum", defaultMomentum);
        double dampening = h.options().number("dampening", 0, 0, 1);
        double weightDecay = h.nonNegative("weight_decay", 0);
        boolean nesterov = h.options().bool("nesterov", defaultNesterov);
        if (nesterov && (momentum == 0 || dampening != 0)) {
            throw h.reject("nesterov", "true", "false unless momentum > 0 and dampening = 0"
                    + " (momentum=" + momentum + ", dampening=" + dampening + ")");
        }
        return new SgdRule(schedule, momentum, dampening, weightDecay, nesterov);
    }

    @Override
    public List<SlotSpec> slots() {
        return momentum == 0 ? List.of() : MOMENTUM_SLOTS;
    }

    @Override
    public void apply(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj[] slots, double lr) {
        double[] p = param.data;
        double[] g = grad.data;
        int n = param.getNumElements();
        if (momentum == 0) {
            for (int i = 0; i < n; i++) {
                p[i] += -lr * (g[i] + weightDecay * p[i]);
            }
            return;
        }
        double[] buffer = slots[BUFFER].data;
        double[] step = slots[STEP].data;
        boolean first = step[0] == 0;
        step[0] += 1;
        for (int i = 0; i < n; i++) {
            double d = g[i] + weightDecay * p[i];
            double b = first ? d : momentum * buffer[i] + (1 - dampening) * d;
            buffer[i] = b;
            p[i] += -lr * (nesterov ? d + momentum * b : b);
        }
    }
}
