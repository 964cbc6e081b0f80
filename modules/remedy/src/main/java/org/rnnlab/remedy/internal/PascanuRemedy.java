package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;

/** {@code pascanu}: option {@code lambda} (default 0.01, &gt; 0), the weight of Ω in the loss. */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=pascanu",
        Components.DESCRIPTION + "=penalty Omega that keeps back-propagated gradient norms from vanishing (Pascanu et al. 2013)" })
public class PascanuRemedy implements GradientRemedy {
    @Override
    public Remedy configure(Options options) {
        options.allowOnly("lambda");
        return new PascanuPenalty(options.positive("lambda", 0.01));
    }
}
