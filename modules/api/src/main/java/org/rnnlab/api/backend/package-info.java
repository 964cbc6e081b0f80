/**
 * Matrix backends: the heavy matrix products of the cells, as a swappable service, and the
 * optional float32 products ({@link org.rnnlab.api.backend.FloatGemm}) of {@code precision=single},
 * the threads a run lends its cells ({@link org.rnnlab.api.backend.Shares}), and operands a backend
 * lays out once for many products ({@link org.rnnlab.api.backend.PreparedOperand}).
 */
@Version("1.4.0")
package org.rnnlab.api.backend;

import org.osgi.annotation.versioning.Version;
