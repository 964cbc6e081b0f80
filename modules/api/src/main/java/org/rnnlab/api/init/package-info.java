/**
 * Initializers: fill one parameter from its role and shape with the run's generator.
 */
@Version("1.0.0")
package org.rnnlab.api.init;

import org.osgi.annotation.versioning.Version;
