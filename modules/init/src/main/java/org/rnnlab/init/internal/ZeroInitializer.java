package org.rnnlab.init.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;

/** All zeros: the usual bias initialization; {@code constant} with value 0 and no options. */
@Component(service = Initializer.class, property = {
        Components.NAME + "=zero",
        Components.DESCRIPTION + "=all zeros (the usual bias initialization)" })
public class ZeroInitializer implements Initializer {
    @Override
    public Initialization configure(Options options) {
        options.allowOnly();
        return ConstantInitializer.filling(0);
    }
}
