package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code adamw}: torch.optim.AdamW, the adam rule with decoupled weight decay (default 0.01). */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=adamw",
        Components.DESCRIPTION + "=AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay, default 0.01" })
public class AdamwOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return AdamRule.configure(options, 0.01, false, true);
    }
}
