package org.rnnlab.api.trainer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register a service of this type to follow training. The shell's progress line, a
 * logger and a dashboard are listeners. Called on the run's training thread: return quickly;
 * an exception is logged and does not disturb training. The optional service property
 * {@link #RUN} limits the listener to one run.
 */
@ConsumerType
public interface TrainingListener {
    /** Service property: only reports of the run with this name are delivered. */
    String RUN = "rnnlab.run";

    /** After each reported step (every {@code report=N} steps of the run spec, and the last). */
    default void step(StepReport report) {
    }

    /** After a change of the run's life. */
    default void event(RunEvent event) {
    }
}
