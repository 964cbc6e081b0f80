package org.rnnlab.remedy.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterRole;

/**
 * The {@code roles} option of the penalties: role keys ({@code input}, {@code recurrent},
 * {@code bias}, {@code output}, {@code output-bias}) separated by {@code ,} or {@code +}. The
 * {@code +} form fits inside a run spec's remedy list, whose items are separated by commas:
 * {@code remedies=l2:roles=input+recurrent,clip-norm}.
 */
final class ParameterRoles {
    /** Every weight matrix, no bias: weight decay as it is usually meant. */
    static final Set<ParameterRole> WEIGHTS = Set.copyOf(EnumSet.of(ParameterRole.INPUT_WEIGHTS,
            ParameterRole.RECURRENT_WEIGHTS, ParameterRole.OUTPUT_WEIGHTS));

    private ParameterRoles() {
    }

    /** The roles named by option {@code key}, or {@link #WEIGHTS} when it is absent. */
    static Set<ParameterRole> parse(Options options, String key) {
        if (!options.has(key)) {
            return WEIGHTS;
        }
        String text = options.text(key, "");
        Set<ParameterRole> roles = EnumSet.noneOf(ParameterRole.class);
        for (String word : text.split("[,+]", -1)) {
            roles.add(Arrays.stream(ParameterRole.values()).filter(r -> r.key().equals(word.strip())).findFirst()
                    .orElseThrow(() -> bad(options, key, text)));
        }
        return Set.copyOf(roles);
    }

    private static RnnlabException bad(Options options, String key, String text) {
        String accepted = Arrays.stream(ParameterRole.values()).map(ParameterRole::key).collect(Collectors.joining(", "));
        return new RnnlabException(options.owner() + ": " + key + "=" + text + " is not accepted; expected role keys "
                + "separated by , or + among " + accepted);
    }
}
