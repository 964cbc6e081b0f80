/**
 * Conformance checks: run the PyTorch reference cases (any directory in the schema of
 * shared/reference/README.md) against cells, optimizers and clipping remedies, through the API
 * alone, so a third party can check its own component exactly as rnnlab checks its own.
 *
 * <p>1.2: the checks behind the JUnit suite of {@code org.rnnlab.testkit.suite}: forward against an
 * author's one-step {@link org.rnnlab.testkit.CellReference}, the trace contract, stacked and
 * bidirectional use, windows chained as truncated BPTT chains them, determinism, allocation per
 * window, NaN propagation; and {@link org.rnnlab.testkit.TestBackend}, a matrix backend for tests.
 */
@Version("1.3.0")
package org.rnnlab.testkit;

import org.osgi.annotation.versioning.Version;
