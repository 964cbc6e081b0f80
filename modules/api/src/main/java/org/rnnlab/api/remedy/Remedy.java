package org.rnnlab.api.remedy;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A remedy with validated options, acting at one {@link #hookPoint()}. Immutable: the run gives
 * each remedy of its list a report map of its own, kept across steps (and in checkpoints) and
 * shown by {@code rnn:status}; a remedy that needs memory across steps (a counter) keeps it there.
 */
@ConsumerType
public interface Remedy {
    HookPoint hookPoint();

    /** {@link HookPoint#WINDOW} remedies: the truncation to train with. */
    default Truncation truncation() {
        throw new IllegalStateException(getClass().getSimpleName() + " is not a window remedy");
    }

    /**
     * {@link HookPoint#LOSS} remedies: adds the penalty's gradient to the model's gradients and
     * returns the penalty's value, which the run adds to the loss.
     */
    default double penalize(ModelGradients model, Map<String, Double> report) {
        throw new IllegalStateException(getClass().getSimpleName() + " is not a loss remedy");
    }

    /**
     * {@link HookPoint#GRADIENTS} remedies: changes the gradients in place and records what it
     * did in {@code report} (e.g. {@code norm} before clipping, {@code clipped} 0 or 1).
     *
     * @return false to refuse the update of this step altogether (e.g. a non-finite gradient)
     */
    default boolean adjust(ModelGradients model, Map<String, Double> report) {
        throw new IllegalStateException(getClass().getSimpleName() + " is not a gradient remedy");
    }

    /**
     * The rollback points this remedy needs its run to keep, or null (the default) for none; a
     * remedy that declares them may throw {@link RollbackRequest} from {@link #adjust}.
     *
     * @since 1.1
     */
    default Rollback rollback() {
        return null;
    }
}
