package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.VarianceScaling.Distribution;

/** {@code xavier-normal}: Glorot &amp; Bengio 2010, N(0, gain^2 * 2 / (fan_in + fan_out)); option gain (default 1). */
@Component(service = Initializer.class, property = {
        Components.NAME + "=xavier-normal",
        Components.DESCRIPTION + "=Glorot & Bengio 2010 normal: N(0, gain^2*2/(fan_in+fan_out)), per gate block" })
public class XavierNormalInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        return VarianceScaling.glorot(options, Distribution.NORMAL);
    }
}
