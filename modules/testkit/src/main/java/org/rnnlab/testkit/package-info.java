/**
 * Conformance checks: run the PyTorch reference cases (any directory in the schema of
 * shared/reference/README.md) against cells, optimizers and clipping remedies, through the API
 * alone, so a third party can check its own component exactly as rnnlab checks its own.
 */
@Version("1.1.0")
package org.rnnlab.testkit;

import org.osgi.annotation.versioning.Version;
