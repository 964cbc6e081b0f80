/**
 * PyTorch float64 reference vectors in the schema of shared/reference/README.md (a copy ships in
 * this jar) and a reader for them.
 */
@Version("1.0.0")
package org.rnnlab.reference;

import org.osgi.annotation.versioning.Version;
