package org.rnnlab.remedy.internal;

import java.util.Map;

import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.ModelGradients;
import org.rnnlab.api.remedy.PauseRequest;
import org.rnnlab.api.remedy.Remedy;

/**
 * Refuses the update of a step whose loss or gradients are not all finite, so that no NaN or infinity
 * reaches the parameters, and pauses the run after {@code max} such steps in a row. Its memory is
 * the report: {@code skipped} counts every refused step, {@code consecutive} those since the last
 * finite one. When {@code consecutive} reaches a multiple of {@code max} the run is paused, so a
 * resumed run gets {@code max} more tries before the next pause.
 * The run applies every loss remedy before the gradient remedies, so penalties are checked too.
 */
record NonfiniteGuard(int max) implements Remedy {
    @Override
    public HookPoint hookPoint() {
        return HookPoint.GRADIENTS;
    }

    @Override
    public boolean adjust(ModelGradients model, Map<String, Double> report) {
        double skipped = report.getOrDefault("skipped", 0.0);
        if (Double.isFinite(model.loss()) && GradientNorms.allFinite(model)) {
            report.put("skipped", skipped);
            report.put("consecutive", 0.0);
            return true;
        }
        double consecutive = report.getOrDefault("consecutive", 0.0) + 1;
        report.put("skipped", skipped + 1);
        report.put("consecutive", consecutive);
        if (consecutive % max == 0) {
            throw new PauseRequest("nonfinite-guard: " + (long) consecutive + " steps in a row had a non-finite loss or gradient"
                    + " and were not applied; the parameters are those of the last finite step (try a lower lr,"
                    + " clip-norm or tbptt, then rnn:resume)");
        }
        return false;
    }
}
