/**
 * Matrix backends: the heavy matrix products of the cells, as a swappable service, and the
 * optional float32 products ({@link org.rnnlab.api.backend.FloatGemm}) of {@code precision=single},
 * and the threads a run lends its cells ({@link org.rnnlab.api.backend.Shares}).
 */
@Version("1.2.0")
package org.rnnlab.api.backend;

import org.osgi.annotation.versioning.Version;
