package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.remedy.GradientRemedy;

/** {@code l2}: the penalty λ·Σw² on the parameters of the chosen roles (weight decay as a loss term). */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=l2",
        Components.DESCRIPTION + "=L2 penalty lambda*sum w^2 on the weights, weight decay as a loss term (roles: input, recurrent, output by default)" })
public class L2PenaltyRemedy extends WeightPenaltyRemedy {
    public L2PenaltyRemedy() {
        super(PenaltyNorm.L2);
    }
}
