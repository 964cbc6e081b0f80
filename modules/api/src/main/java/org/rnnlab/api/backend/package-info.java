/**
 * Matrix backends: the heavy matrix products of the cells, as a swappable service, and the
 * optional float32 products ({@link org.rnnlab.api.backend.FloatGemm}) of {@code precision=single}.
 */
@Version("1.1.0")
package org.rnnlab.api.backend;

import org.osgi.annotation.versioning.Version;
