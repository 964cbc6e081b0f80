package org.rnnlab.remedy.internal;

import java.util.Map;

import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.ModelGradients;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.api.remedy.Rollback;
import org.rnnlab.api.remedy.RollbackRequest;

/**
 * Refuses the update of a step whose loss or gradients are not all finite, so that no NaN or
 * infinity reaches the parameters. After {@code max} such steps in a row it rolls the run back:
 * the run keeps {@code keep} copies of its parameters and optimizer state, {@code every} steps
 * apart, and returns to the newest one from which the model still evaluates to finite values
 * (the step just before an explosion may already hold weights of 1e152, finite but useless).
 * With {@code backoff} below 1 the learning rate is multiplied by it and training goes on;
 * without, the run pauses there for a person to decide ({@code rnn:set}, then {@code rnn:resume}).
 * Its memory is the report: {@code skipped} counts every refused step, {@code consecutive}
 * those since the last finite one, {@code rollbacks} the rollbacks. The run applies every loss
 * remedy before the gradient remedies, so penalties are checked too.
 */
record NonfiniteGuard(int max, double backoff, int keep, int every) implements Remedy {
    @Override
    public HookPoint hookPoint() {
        return HookPoint.GRADIENTS;
    }

    @Override
    public Rollback rollback() {
        return new Rollback(keep, every);
    }

    @Override
    public boolean adjust(ModelGradients model, Map<String, Double> report) {
        double skipped = report.getOrDefault("skipped", 0.0);
        double rollbacks = report.getOrDefault("rollbacks", 0.0);
        report.put("rollbacks", rollbacks);
        if (Double.isFinite(model.loss()) && GradientNorms.allFinite(model)) {
            report.put("skipped", skipped);
            report.put("consecutive", 0.0);
            return true;
        }
        double consecutive = report.getOrDefault("consecutive", 0.0) + 1;
        report.put("skipped", skipped + 1);
        report.put("consecutive", consecutive);
        if (consecutive >= max) {
            report.put("consecutive", 0.0);
            report.put("rollbacks", rollbacks + 1);
            String why = "nonfinite-guard: " + (long) consecutive + " steps in a row had a non-finite loss or gradient"
                    + " and were not applied";
            throw backoff < 1
                    ? new RollbackRequest(why + "; the learning rate is multiplied by " + backoff, backoff, false)
                    : new RollbackRequest(why + " (try a lower lr, clip-norm or tbptt)", 1, true);
        }
        return false;
    }
}
