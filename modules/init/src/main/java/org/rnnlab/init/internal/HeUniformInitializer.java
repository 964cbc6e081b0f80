package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.VarianceScaling.Distribution;

/** {@code he-uniform}: He et al. 2015, U(-a, a) with a = gain * sqrt(3 / fan_in); options gain (default sqrt 2), mode. */
@Component(service = Initializer.class, property = {
        Components.NAME + "=he-uniform",
        Components.DESCRIPTION + "=He et al. 2015 uniform: U(-a, a), a = gain*sqrt(3/fan_in), gain sqrt(2) for ReLU; mode=fan_out" })
public class HeUniformInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        return VarianceScaling.he(options, Distribution.UNIFORM);
    }
}
