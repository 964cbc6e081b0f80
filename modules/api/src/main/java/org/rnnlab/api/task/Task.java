package org.rnnlab.api.task;

import org.osgi.annotation.versioning.ConsumerType;
import org.rnnlab.api.Options;

/**
 * A task, registered with {@code rnnlab.name} (e.g. {@code adding}). Stateless: each run opens
 * its own session. Options are the task's keys of the run spec ({@code length=100}).
 */
@ConsumerType
public interface Task {
    /** Validates the options (one-line error on a bad one), loads any data, returns a session. */
    TaskSession open(Options options);
}
