package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.init.internal.VarianceScaling.Distribution;

/** {@code xavier-uniform}: Glorot &amp; Bengio 2010, U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)); option gain (default 1). */
@Component(service = Initializer.class, property = {
        Components.NAME + "=xavier-uniform",
        Components.DESCRIPTION + "=Glorot & Bengio 2010 uniform: U(-a, a), a = gain*sqrt(6/(fan_in+fan_out)), per gate block" })
public class XavierUniformInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        return VarianceScaling.glorot(options, Distribution.UNIFORM);
    }
}
