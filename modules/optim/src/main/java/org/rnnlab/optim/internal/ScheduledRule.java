package org.rnnlab.optim.internal;

import org.rnnlab.api.optim.UpdateRule;

/** An update rule whose learning rate at each step comes from its {@link Schedule}. */
interface ScheduledRule extends UpdateRule {
    Schedule schedule();

    @Override
    default double learningRate(long step) {
        return schedule().rate(step);
    }
}
