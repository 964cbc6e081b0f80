package org.rnnlab.api.trainer;

/** Where a run is in its life. */
public enum RunState {
    /** Created (or loaded), not training. */
    READY,
    /** Training on its background thread. */
    RUNNING,
    /** Paused by a user; resumes where it stopped. */
    PAUSED,
    /** Paused because a component it uses disappeared; resumes when one with that name returns. */
    WAITING,
    /** Reached its step target; can be started again for more steps. */
    FINISHED,
    /** Stopped by a user; keeps its parameters for evaluation, saving or another start. */
    STOPPED,
    /** Stopped by an error, named in the status message; parameters are those of the last good step. */
    FAILED
}
