package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code amsgrad}: adam whose amsgrad defaults to true; shares adam's m, v and step. */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=amsgrad",
        Components.DESCRIPTION + "=AMSGrad (Reddi et al. 2018): Adam dividing by the largest second moment seen" })
public class AmsgradOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return AdamRule.configure(options, 0, true, false);
    }
}
