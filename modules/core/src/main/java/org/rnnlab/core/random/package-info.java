/** The run's seeded, checkpointable random generators. */
@Version("1.0.0")
package org.rnnlab.core.random;

import org.osgi.annotation.versioning.Version;
