package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.Shapes.Block;

/**
 * An LSTM bias with the forget gate's block set to {@code value} (default 1) and every other gate
 * at 0 (Gers, Schmidhuber &amp; Cummins 2000; Jozefowicz, Zaremba &amp; Sutskever 2015): the cell
 * starts out remembering, so gradients flow through the cell state over many steps. Only for a
 * bias with a gate named f; the second of two added biases gets zeros ({@link GateBiases}).
 */
@Component(service = Initializer.class, property = {
        Components.NAME + "=forget-bias",
        Components.DESCRIPTION + "=LSTM bias: forget gate f at value (default 1), other gates 0 (Jozefowicz et al. 2015)" })
public class ForgetBiasInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        double value = InitOptions.finite(options.allowOnly("value"), "value", 1);
        return (target, spec, rng) -> {
            Shapes.requireShape(target, spec);
            GateBiases.requireCellBias("forget-bias", spec);
            Block forget = Shapes.gateBlock(spec, "f");
            if (forget == null) {
                throw new RnnlabException("forget-bias: " + spec.name() + " has " + GateBiases.describeGates(spec)
                        + "; it needs a forget gate f, as an LSTM's bias has (gates i, f, g, o)");
            }
            target.zero();
            if (!GateBiases.isSecondBias(spec)) {
                for (int j = 0; j < forget.size(); j++) {
                    target.data[forget.offset() + j] = value;
                }
            }
        };
    }
}
