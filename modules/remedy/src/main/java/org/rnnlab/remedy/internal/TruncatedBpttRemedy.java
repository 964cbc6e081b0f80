package org.rnnlab.remedy.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.api.remedy.Truncation;

/**
 * {@code tbptt}: either {@code k} (k1 = k2 = k, the common chunked form) or {@code k1} and
 * {@code k2} with 1 &lt;= k1 &lt;= k2; when only one of k1 and k2 is given, the other equals it.
 * There is no default: the right length depends on the task, so it must be named.
 */
@Component(service = GradientRemedy.class, property = {
        Components.NAME + "=tbptt",
        Components.DESCRIPTION + "=truncated BPTT: update every k1 steps from gradients flowing back k2 steps (Williams & Peng 1990)" })
public class TruncatedBpttRemedy implements GradientRemedy {
    private static final String USAGE = "k=K (windows of K steps) or k1=K1 k2=K2 with 1 <= k1 <= k2";

    @Override
    public Remedy configure(Options options) {
        options.allowOnly("k", "k1", "k2");
        boolean split = options.has("k1") || options.has("k2");
        if (options.has("k") && split) {
            throw new RnnlabException(options.owner() + ": give k, or k1 and k2, not both; expected " + USAGE);
        }
        if (!options.has("k") && !split) {
            throw new RnnlabException(options.owner() + " needs " + USAGE);
        }
        if (options.has("k")) {
            int k = positiveInteger(options, "k");
            return new TruncatedBptt(new Truncation(k, k));
        }
        int k1 = options.has("k1") ? positiveInteger(options, "k1") : positiveInteger(options, "k2");
        int k2 = options.has("k2") ? positiveInteger(options, "k2") : k1;
        if (k1 > k2) {
            throw new RnnlabException(options.owner() + ": k1=" + k1 + " k2=" + k2
                    + " is not accepted; expected 1 <= k1 <= k2 (update every k1 steps, gradients over the last k2)");
        }
        return new TruncatedBptt(new Truncation(k1, k2));
    }

    private static int positiveInteger(Options options, String key) {
        return options.integer(key, 1, 1, Integer.MAX_VALUE);
    }
}
