package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;

/**
 * {@code clip-adaptive}: options {@code clipping} (default 0.01, &gt; 0), the largest ratio of a
 * unit's gradient norm to its weight norm, and {@code eps} (default 1e-3, &gt; 0), the smallest
 * weight norm a unit is measured against.
 */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=clip-adaptive",
        Components.DESCRIPTION + "=unit-wise adaptive clipping relative to the weights' norm (Brock et al. 2021)" })
public class ClipAdaptiveRemedy implements GradientRemedy {
    @Override
    public Remedy configure(Options options) {
        options.allowOnly("clipping", "eps");
        return new ClipAdaptive(options.positive("clipping", 0.01), options.positive("eps", 1e-3));
    }
}
