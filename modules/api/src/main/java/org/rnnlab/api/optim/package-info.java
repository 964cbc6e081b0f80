/**
 * Optimizers: update rules whose per-parameter state slots are owned by the run, so an optimizer can be swapped or checkpointed mid-run.
 */
@Version("1.0.0")
package org.rnnlab.api.optim;

import org.osgi.annotation.versioning.Version;
