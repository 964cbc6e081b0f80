package org.rnnlab.optim.internal;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.SlotSpec;

/**
 * RMSprop (Tieleman &amp; Hinton 2012, lecture 6.5; centered as in Graves 2013) as
 * torch.optim.RMSprop 1.13 computes it: g = g + weight_decay*p; v = alpha*v + (1 - alpha)*g*g;
 * centered: m = alpha*m + (1 - alpha)*g and avg = sqrt(v - m*m) + eps, else avg = sqrt(v) + eps
 * (eps after the root); with momentum buf = momentum*buf + g/avg and p = p - lr*buf, else
 * p = p - lr*g/avg.
 */
record RmspropRule(Schedule schedule, double alpha, double eps, double weightDecay, double momentum, boolean centered)
        implements ScheduledRule {
    private static final SlotSpec SQUARE_AVERAGE = SlotSpec.shaped("rmsprop.v");
    private static final SlotSpec GRADIENT_AVERAGE = SlotSpec.shaped("rmsprop.m");
    private static final SlotSpec MOMENTUM_BUFFER = SlotSpec.shaped("rmsprop.momentum");

    /** torch.optim.RMSprop's names and defaults. */
    static RmspropRule configure(Options options) {
        Hyperparameters h = new Hyperparameters(options, "alpha", "eps", "weight_decay", "momentum", "centered");
        return new RmspropRule(Schedule.read(h, 0.01), h.decayRate("alpha", 0.99), h.options().positive("eps", 1e-8),
                h.nonNegative("weight_decay", 0), h.nonNegative("momentum", 0), h.options().bool("centered", false));
    }

    /** v always; m when centered; the momentum buffer when momentum &gt; 0. */
    @Override
    public List<SlotSpec> slots() {
        List<SlotSpec> slots = new ArrayList<>(List.of(SQUARE_AVERAGE));
        if (centered) {
            slots.add(GRADIENT_AVERAGE);
        }
        if (momentum > 0) {
            slots.add(MOMENTUM_BUFFER);
        }
        return List.copyOf(slots);
    }

    @Override
    public void apply(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj[] slots, double lr) {
        double[] p = param.data;
        double[] g = grad.data;
        double[] v = slots[0].data;
        double[] m = centered ? slots[1].data : null;
        double[] buffer = momentum > 0 ? slots[centered ? 2 : 1].data : null;
        int n = param.getNumElements();
        for (int i = 0; i < n; i++) {
            double gi = g[i] + weightDecay * p[i];
            v[i] = alpha * v[i] + (1 - alpha) * gi * gi;
            double average;
            if (centered) {
                m[i] = alpha * m[i] + (1 - alpha) * gi;
                average = Math.sqrt(v[i] - m[i] * m[i]) + eps;
            } else {
                average = Math.sqrt(v[i]) + eps;
            }
            if (buffer != null) {
                buffer[i] = momentum * buffer[i] + gi / average;
                p[i] += -lr * buffer[i];
            } else {
                p[i] += -lr * gi / average;
            }
        }
    }
}
