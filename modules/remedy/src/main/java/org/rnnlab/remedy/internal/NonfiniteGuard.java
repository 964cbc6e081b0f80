package org.rnnlab.remedy.internal;

import java.util.Map;

import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.ModelGradients;
import org.rnnlab.api.remedy.PauseRequest;
import org.rnnlab.api.remedy.Remedy;

/**
 * Refuses the update of a step whose gradients are not all finite, so that no NaN or infinity
 * reaches the parameters, and pauses the run after {@code max} such steps in a row. Its memory is
 * the report: {@code skipped} counts every refused step, {@code consecutive} those since the last
 * finite one. When {@code consecutive} reaches a multiple of {@code max} the run is paused, so a
 * resumed run gets {@code max} more tries before the next pause.
 *
 * <p>Only the gradients are checked: {@link Remedy#adjust} does not see the loss. A non-finite
 * loss reaches the gradients through backward (the loss gradient is computed from the same
 * predictions), and the penalties of the LOSS hook add their gradients before this remedy runs;
 * a non-finite loss that leaves every gradient finite is left to the run's own check.
 */
record NonfiniteGuard(int max) implements Remedy {
    @Override
    public HookPoint hookPoint() {
        return HookPoint.GRADIENTS;
    }

    @Override
    public boolean adjust(ModelGradients model, Map<String, Double> report) {
        double skipped = report.getOrDefault("skipped", 0.0);
        if (GradientNorms.allFinite(model)) {
            report.put("skipped", skipped);
            report.put("consecutive", 0.0);
            return true;
        }
        double consecutive = report.getOrDefault("consecutive", 0.0) + 1;
        report.put("skipped", skipped + 1);
        report.put("consecutive", consecutive);
        if (consecutive % max == 0) {
            throw new PauseRequest("nonfinite-guard: " + (long) consecutive + " steps in a row had non-finite gradients"
                    + " and were not applied; the parameters are those of the last finite step (try a lower lr,"
                    + " clip-norm or tbptt, then rnn:resume)");
        }
        return false;
    }
}
