package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code adagrad}: torch.optim.Adagrad's names and defaults. */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=adagrad",
        Components.DESCRIPTION + "=Adagrad (Duchi et al. 2011) as torch.optim.Adagrad" })
public class AdagradOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        return AdagradRule.configure(options);
    }
}
