package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;

/** {@code clip-param}: option {@code max} (default 1, &gt; 0), the largest L2 norm of each parameter's gradient. */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=clip-param",
        Components.DESCRIPTION + "=rescale each parameter's gradient whose L2 norm exceeds max" })
public class ClipParamRemedy implements GradientRemedy {
    @Override
    public Remedy configure(Options options) {
        options.allowOnly("max");
        return new ClipParam(options.positive("max", 1));
    }
}
