package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;

/** N(mean, std^2) with torch.nn.init.normal_'s defaults mean = 0, std = 1. */
@Component(service = Initializer.class, property = {
        Components.NAME + "=normal",
        Components.DESCRIPTION + "=N(mean, std^2), default N(0, 1)" })
public class NormalInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        options.allowOnly("mean", "std");
        double mean = InitOptions.finite(options, "mean", 0);
        double std = options.positive("std", 1);
        return (target, spec, rng) -> {
            Shapes.requireShape(target, spec);
            for (int i = 0; i < spec.size(); i++) {
                target.data[i] = mean + std * rng.nextGaussian();
            }
        };
    }
}
