package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code nesterov}: sgd whose momentum defaults to 0.9 and nesterov to true. */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=nesterov",
        Components.DESCRIPTION + "=SGD with Nesterov momentum 0.9 (Sutskever et al. 2013)" })
public class NesterovOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return SgdRule.configure(options, 0.9, true);
    }
}
