/**
 * The echo state network reservoir {@code esn} (Jaeger 2001, "The echo state approach to
 * analysing and training recurrent neural networks", GMD Report 148; leaky integration as in
 * Lukoševičius 2012, "A practical guide to applying echo state networks", eq. 2–3):
 * {@code h_t = (1 − a) h_{t-1} + a tanh(x_t W_in^T + b + h_{t-1} W^T)}.
 *
 * <p>Parameters {@code weight_ih} (W_in, role input), {@code weight_hh} (W, role recurrent) and
 * {@code bias} (b, one row, role bias) are all frozen. {@code Cell.initialize} overwrites what the
 * run's initializers wrote: W sparse with the same number of U(−1, 1) entries in every row,
 * rescaled with EJML's eigen decomposition to the target spectral radius (reported as the fact
 * {@code spectral radius}, measured again after rescaling); W_in and b uniform in ±input_scaling
 * and ±bias_scaling. Options ({@code cell.KEY=}): radius (0.9), input_scaling (1), sparsity (0.9)
 * or connectivity (0.1), leak (1), bias_scaling (0).
 *
 * <p>Only the head learns: trained by gradient like any head, or fitted in closed form by ridge
 * regression on the collected states (the acceptance test does this on Mackey–Glass). Backward is
 * exact, so a reservoir passes gradients to its inputs and to the layers below it; gradients for
 * its frozen parameters are computed like any other and skipped by the trainer's update. Washout
 * (steps excluded from the loss) is a run-level key, not a cell option.
 *
 * <p>Private package: the cell is reached only as a {@link org.rnnlab.api.cell.CellType} service.
 */
package org.rnnlab.cell.esn.internal;
