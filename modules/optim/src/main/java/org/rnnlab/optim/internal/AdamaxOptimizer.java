package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code adamax}: torch.optim.Adamax's names and defaults. */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=adamax",
        Components.DESCRIPTION + "=AdaMax (Kingma & Ba 2015): Adam with the infinity norm, as torch.optim.Adamax" })
public class AdamaxOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return AdamaxRule.configure(options);
    }
}
