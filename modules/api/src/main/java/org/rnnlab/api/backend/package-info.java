/**
 * Matrix backends: the heavy matrix products of the cells, as a swappable service.
 */
@Version("1.0.0")
package org.rnnlab.api.backend;

import org.osgi.annotation.versioning.Version;
