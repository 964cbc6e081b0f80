package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;

/** {@code clip-value}: option {@code value} (default 1, &gt; 0), the bound of every gradient element. */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=clip-value",
        Components.DESCRIPTION + "=clamp every gradient element to [-value, value] (PyTorch clip_grad_value_)" })
public class ClipValueRemedy implements GradientRemedy {
    @Override
    public Remedy configure(Options options) {
        options.allowOnly("value");
        return new ClipValue(options.positive("value", 1));
    }
}
