package org.rnnlab.remedy.internal;

import java.util.Map;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.ModelGradients;
import org.rnnlab.api.remedy.Remedy;

/**
 * An L1 or L2 penalty as a loss term, Keras-style: λ·Σ|w| or λ·Σw² over the trainable parameters
 * whose role is in {@code roles}; its gradient is added to theirs and the term is reported as
 * {@code penalty}. (PyTorch's {@code weight_decay=d} adds d·w to the gradient, which is this L2
 * penalty with λ = d/2.)
 */
record WeightPenalty(PenaltyNorm norm, double lambda, Set<ParameterRole> roles) implements Remedy {
    WeightPenalty {
        roles = Set.copyOf(roles);
    }

    @Override
    public HookPoint hookPoint() {
        return HookPoint.LOSS;
    }

    @Override
    public double penalize(ModelGradients model, Map<String, Double> report) {
        double sum = 0;
        for (int p = 0; p < model.size(); p++) {
            if (model.spec(p).trainable() && roles.contains(model.spec(p).role())) {
                DMatrixRMaj value = model.value(p);
                sum += norm.accumulate(value.data, model.gradient(p).data, value.getNumElements(), lambda);
            }
        }
        double penalty = lambda * sum;
        report.put("penalty", penalty);
        return penalty;
    }
}
