/**
 * Building blocks shared by the recurrent cells: the nonlinearities ({@link org.rnnlab.core.cell.Activation}),
 * a window's buffers ({@link org.rnnlab.core.cell.WindowTrace}) and the part of a kernel every cell has
 * in common ({@link org.rnnlab.core.cell.WindowCell}): argument checks, recording the inputs and the
 * initial state, the input projection of all steps and all gates in one product, its gradients, and
 * the bias and recurrent-weight gradient products over a whole window.
 *
 * <p>Layout: a window matrix is time-major, row {@code t * batch + b}; a step's rows form one
 * contiguous block, addressed by offset. A cell with G gates stacks them in the columns of its
 * gate buffers ({@code G * hidden} wide, gate k in columns {@code [k * hidden, (k + 1) * hidden)}),
 * the same order as the row blocks of its PyTorch-layout weights.
 *
 * <p>Threads: a cell writes its steps for a share of the hidden units ({@link org.rnnlab.core.cell.Units}),
 * its columns in every gate block; with {@code threads=N} each thread runs every step of its share and
 * the threads meet once per step (3.0: the window methods take the share).
 */
@Version("3.1.0")
package org.rnnlab.core.cell;

import org.osgi.annotation.versioning.Version;
