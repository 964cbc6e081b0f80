package org.rnnlab.api.remedy;

/** Where in a training step a remedy acts. */
public enum HookPoint {
    /** Before the step: how far gradients flow back (truncated BPTT). */
    WINDOW,
    /** After backward: a penalty adds its term to the loss and its gradient to the gradients. */
    LOSS,
    /** Before the update: the gradients are changed (clipping) or the step is refused. */
    GRADIENTS
}
