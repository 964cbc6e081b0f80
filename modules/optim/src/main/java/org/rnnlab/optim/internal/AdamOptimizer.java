package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/**
 * {@code adam}: torch.optim.Adam's names and defaults, plus {@code decoupled=true} for AdamW's
 * weight decay (whose PyTorch default of 0.01 is not implied: weight_decay stays 0 unless given).
 */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=adam",
        Components.DESCRIPTION + "=Adam (Kingma & Ba 2015) as torch.optim.Adam; amsgrad=true, decoupled=true for AdamW" })
public class AdamOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        Hyperparameters h = new Hyperparameters(options, "lr", "betas", "beta1", "beta2", "eps", "weight_decay",
                "amsgrad", "decoupled");
        double lr = h.options().positive("lr", 0.001);
        double[] betas = h.betas(0.9, 0.999);
        double eps = h.options().positive("eps", 1e-8);
        double weightDecay = h.nonNegative("weight_decay", 0);
        boolean amsgrad = h.options().bool("amsgrad", false);
        boolean decoupled = h.options().bool("decoupled", false);
        return new AdamRule(lr, betas[0], betas[1], eps, weightDecay, amsgrad, decoupled);
    }
}
