/**
 * The Trainer service, the programmatic entry point for embedding rnnlab, and the TrainingListener whiteboard.
 */
@Version("1.6.0")
package org.rnnlab.api.trainer;

import org.osgi.annotation.versioning.Version;
