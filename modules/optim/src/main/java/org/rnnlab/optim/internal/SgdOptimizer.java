package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code sgd}: torch.optim.SGD, without momentum unless given. */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=sgd",
        Components.DESCRIPTION + "=stochastic gradient descent as torch.optim.SGD (lr 0.01; momentum, dampening, nesterov, weight_decay)" })
public class SgdOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return SgdRule.configure(options, 0, false);
    }
}
