/**
 * Recurrent cells: a {@link org.rnnlab.api.cell.CellType} service makes {@link org.rnnlab.api.cell.Cell} kernels that process a whole window of time steps for a batch of sequences.
 */
@Version("1.1.0")
package org.rnnlab.api.cell;

import org.osgi.annotation.versioning.Version;
