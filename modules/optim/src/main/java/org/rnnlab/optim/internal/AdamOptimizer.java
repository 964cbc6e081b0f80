package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code adam}: torch.optim.Adam's names and defaults. */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=adam",
        Components.DESCRIPTION + "=Adam (Kingma & Ba 2015) as torch.optim.Adam; amsgrad=true for AMSGrad" })
public class AdamOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return AdamRule.configure(options, 0, false, false);
    }
}
