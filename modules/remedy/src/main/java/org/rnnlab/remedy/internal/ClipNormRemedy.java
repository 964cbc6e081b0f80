package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;

/** {@code clip-norm}: options {@code max} (default 1, > 0) and {@code norm} (2 or inf, default 2). */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=clip-norm",
        Components.DESCRIPTION + "=rescale all gradients when their global norm exceeds max (Pascanu et al. 2013)" })
public class ClipNormRemedy implements GradientRemedy {
    @Override
    public Remedy configure(Options options) {
        options.allowOnly("max", "norm");
        return new ClipNorm(options.positive("max", 1), options.choice("norm", "2", "inf").equals("inf"));
    }
}
