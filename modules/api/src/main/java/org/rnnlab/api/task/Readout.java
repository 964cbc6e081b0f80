package org.rnnlab.api.task;

/** Which steps of a sequence carry targets. */
public enum Readout {
    /** Only the last step (adding problem, temporal order). */
    LAST,
    /** Every step (copy memory, Mackey–Glass, character-level text). */
    EVERY
}
