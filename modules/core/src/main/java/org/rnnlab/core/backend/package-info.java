/** Plain-Java matrix kernels, the backend that is always present. */
@Version("1.1.0")
package org.rnnlab.core.backend;

import org.osgi.annotation.versioning.Version;
