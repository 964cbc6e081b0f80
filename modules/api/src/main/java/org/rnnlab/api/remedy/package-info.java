/**
 * Gradient remedies at three hook points: the window (truncated BPTT), the loss (penalties) and the gradients (clipping).
 */
@Version("1.1.0")
package org.rnnlab.api.remedy;

import org.osgi.annotation.versioning.Version;
