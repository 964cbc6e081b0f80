package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code nadam}: torch.optim.NAdam's names and defaults, momentum_decay included. */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=nadam",
        Components.DESCRIPTION + "=NAdam (Dozat 2016): Adam with Nesterov momentum, as torch.optim.NAdam" })
public class NadamOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return NadamRule.configure(options);
    }
}
