package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.VarianceScaling.Distribution;

/** {@code lecun-normal}: LeCun et al. 1998, N(0, gain^2 / fan_in), untruncated; option gain (default 1). */
@Component(service = Initializer.class, property = {
        Components.NAME + "=lecun-normal",
        Components.DESCRIPTION + "=LeCun et al. 1998: N(0, gain^2/fan_in), gain 1" })
public class LecunNormalInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        return VarianceScaling.lecun(options, Distribution.NORMAL);
    }
}
