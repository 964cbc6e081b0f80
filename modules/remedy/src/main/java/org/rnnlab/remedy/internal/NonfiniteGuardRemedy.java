package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;

/**
 * {@code nonfinite-guard}: {@code max} (default 5, an integer &gt;= 1) non-finite steps in a row
 * before a rollback; {@code backoff} (default 1: roll back and pause; below 1: roll back,
 * multiply the learning rate by it and train on); {@code keep} (4) rollback points, taken every
 * {@code every} (25) steps and thinned with age (the trainer's Rollbacks).
 */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=nonfinite-guard",
        Components.DESCRIPTION + "=skip the update of a step with non-finite gradients; after max such steps in a row roll back to the newest finite point (backoff<1: lower lr and go on, else pause)" })
public class NonfiniteGuardRemedy implements GradientRemedy {
    @Override
    public Remedy configure(Options options) {
        options.allowOnly("max", "backoff", "keep", "every");
        double backoff = options.number("backoff", 1, b -> b > 0 && b <= 1, "a number in (0, 1]");
        return new NonfiniteGuard(options.integer("max", 5, 1, Integer.MAX_VALUE), backoff,
                options.integer("keep", 4, 1, 100), options.integer("every", 25, 1, Integer.MAX_VALUE));
    }
}
