package org.rnnlab.optim.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.UpdateRule;

/** {@code sgd}: PyTorch's names and defaults, except that lr defaults to 0.01 (PyTorch requires it). */
@Component(service = Optimizer.class, property = {
        Components.NAME + "=sgd",
        Components.DESCRIPTION + "=stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD" })
public class SgdOptimizer implements Optimizer {
    @Override
    public UpdateRule configure(Options options) {
        Hyperparameters h = new Hyperparameters(options, "lr", "momentum", "dampening", "weight_decay", "nesterov");
        double lr = h.options().positive("lr", 0.01);
        double momentum = h.nonNegative("momentum", 0);
        double dampening = h.options().number("dampening", 0, 0, 1);
        double weightDecay = h.nonNegative("weight_decay", 0);
        boolean nesterov = h.options().bool("nesterov", false);
        if (nesterov && (momentum == 0 || dampening != 0)) {
            throw h.reject("nesterov", h.options().text("nesterov", ""), "false unless momentum > 0 and dampening = 0"
                    + " (momentum=" + momentum + ", dampening=" + dampening + ")");
        }
        return new SgdRule(lr, momentum, dampening, weightDecay, nesterov);
    }
}
