package org.rnnlab.optim.internal;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.optim.UpdateRule;

/**
 * Stochastic gradient descent exactly as torch.optim.SGD 1.13 computes it (momentum in the form of
 * Sutskever et al. 2013): d = g + weight_decay*p; with momentum, buf = d on the first step
 * (undamped) and buf = momentum*buf + (1 - dampening)*d afterwards, then d = d + momentum*buf
 * (Nesterov) or d = buf; finally p = p - lr*d.
 */
record SgdRule(double learningRate, double momentum, double dampening, double weightDecay, boolean nesterov)
        implements UpdateRule {
    private static final List<SlotSpec> MOMENTUM_SLOTS = List.of(SlotSpec.shaped("sgd.momentum"), SlotSpec.scalar("sgd.step"));
    private static final int BUFFER = 0;
    private static final int STEP = 1;

    /** Constant until the optimizers issue brings schedules. */
    @Override
    public double learningRate(long step) {
        return learningRate;
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
