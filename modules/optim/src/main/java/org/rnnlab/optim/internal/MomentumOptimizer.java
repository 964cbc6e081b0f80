package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code momentum}: sgd whose momentum defaults to 0.9. */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=momentum",
        Components.DESCRIPTION + "=SGD with momentum 0.9 (heavy ball, Polyak 1964, in the form of torch.optim.SGD)" })
public class MomentumOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return SgdRule.configure(options, 0.9, false);
    }
}
