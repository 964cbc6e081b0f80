package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.VarianceScaling.Distribution;

/** {@code he-normal}: He et al. 2015, N(0, gain^2 / fan_in); options gain (default sqrt 2), mode. */
@Component(service = Initializer.class, property = {
        Components.NAME + "=he-normal",
        Components.DESCRIPTION + "=He et al. 2015 normal: N(0, gain^2/fan_in), gain sqrt(2) for ReLU; mode=fan_out" })
public class HeNormalInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        return VarianceScaling.he(options, Distribution.NORMAL);
    }
}
