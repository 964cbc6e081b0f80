package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code rmsprop}: torch.optim.RMSprop's names and defaults. */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=rmsprop",
        Components.DESCRIPTION + "=RMSprop (Tieleman & Hinton 2012) as torch.optim.RMSprop; centered=true, momentum" })
public class RmspropOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return RmspropRule.configure(options);
    }
}
