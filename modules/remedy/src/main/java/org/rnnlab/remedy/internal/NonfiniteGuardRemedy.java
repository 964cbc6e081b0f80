package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;

/** {@code nonfinite-guard}: option {@code max} (default 5, an integer &gt;= 1), the non-finite steps in a row before pausing. */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=nonfinite-guard",
        Components.DESCRIPTION + "=skip the update of a step with non-finite gradients; pause the run after max such steps in a row" })
public class NonfiniteGuardRemedy implements GradientRemedy {
    @Override
    public Remedy configure(Options options) {
        options.allowOnly("max");
        return new NonfiniteGuard(options.integer("max", 5, 1, Integer.MAX_VALUE));
    }
}
