package org.rnnlab.remedy.internal;

import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;

/**
 * The weight penalties {@code l1} and {@code l2}: options {@code lambda} (default 0.01, Keras's
 * default, &gt; 0) and {@code roles} (default {@code input,recurrent,output}: every weight matrix,
 * no bias). The two registered components differ only in the norm.
 */
abstract class WeightPenaltyRemedy implements GradientRemedy {
    private final PenaltyNorm norm;

    WeightPenaltyRemedy(PenaltyNorm norm) {
        this.norm = norm;
    }

    @Override
    public Remedy configure(Options options) {
        options.allowOnly("lambda", "roles");
        return new WeightPenalty(norm, options.positive("lambda", 0.01), ParameterRoles.parse(options, "roles"));
    }
}
