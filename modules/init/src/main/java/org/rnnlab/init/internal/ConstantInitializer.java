package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;

/** Every element set to {@code value} (required, any finite number), as torch.nn.init.constant_. */
@Component(service = Initializer.class, property = {
        Components.NAME + "=constant",
        Components.DESCRIPTION + "=every element set to value= (torch.nn.init.constant_)" })
public class ConstantInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        options.allowOnly("value");
        InitOptions.require(options, "value", "a finite number, e.g. value=0.1");
        return filling(InitOptions.finite(options, "value", 0));
    }

    static Initialization filling(double value) {
        return (target, spec, rng) -> {
            Shapes.requireShape(target, spec);
            target.fill(value);
        };
    }
}
