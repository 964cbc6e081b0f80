package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.remedy.GradientRemedy;

/** {@code l1}: the penalty λ·Σ|w| on the parameters of the chosen roles. */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=l1",
        Components.DESCRIPTION + "=L1 penalty lambda*sum|w| on the weights (roles: input, recurrent, output by default)" })
public class L1PenaltyRemedy extends WeightPenaltyRemedy {
    public L1PenaltyRemedy() {
        super(PenaltyNorm.L1);
    }
}
