/**
 * Recurrent cells: a {@link org.rnnlab.api.cell.CellType} service makes {@link org.rnnlab.api.cell.Cell} kernels that process a whole window of time steps for a batch of sequences.
 *
 * <p>1.2: the trace contract is written down ({@link org.rnnlab.api.cell.Cell}: a trace keeps its
 * own copy of the inputs and initial state, since the caller reuses its matrices), and a cell type
 * may name default initializers for its parameters. {@link org.rnnlab.api.cell.CellTrace} is
 * marked as what it always was, a type cells implement: adding an abstract method to it is a major
 * change.
 */
@Version("1.2.0")
package org.rnnlab.api.cell;

import org.osgi.annotation.versioning.Version;
