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
 * <p>Threads: a cell writes its steps for a share of the batch's sequences and hidden units
 * ({@link org.rnnlab.core.cell.Units}); with {@code threads=N} each thread runs every step of its share,
 * its own sequences with no meeting until the window is done, or, with fewer sequences than threads,
 * its own units, meeting the others once per step (3.0: the window methods take the share; 4.0: a
 * share may hold sequences, a step's products take no row count, and the biases' column sums run
 * after the recurrence, the input biases' in {@code WindowCell} itself: {@code WindowCell.inputBiases}).
 */
@Version("4.1.0")
package org.rnnlab.core.cell;

import org.osgi.annotation.versioning.Version;
