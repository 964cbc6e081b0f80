/**
 * The cell {@code lstm}: long short-term memory (Hochreiter &amp; Schmidhuber 1997) with the forget
 * gate of Gers, Schmidhuber &amp; Cummins 2000, exactly as PyTorch's {@code torch.nn.LSTM}:
 * <pre>
 * i_t = σ(x_t W_ii^T + b_ii + h_{t-1} W_hi^T + b_hi)
 * f_t = σ(x_t W_if^T + b_if + h_{t-1} W_hf^T + b_hf)
 * g_t = tanh(x_t W_ig^T + b_ig + h_{t-1} W_hg^T + b_hg)
 * o_t = σ(x_t W_io^T + b_io + h_{t-1} W_ho^T + b_ho)
 * c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
 * h_t = o_t ⊙ tanh(c_t)
 * </pre>
 * Parameters keep PyTorch's names, layout and gate order: {@code weight_ih} (4H x I),
 * {@code weight_hh} (4H x H), {@code bias_ih} and {@code bias_hh} (1 x 4H rows), with the gate blocks
 * i, f, g, o declared as {@link org.rnnlab.api.cell.ParameterSpec#gates()}: they stack the weights'
 * rows and split the biases' columns, so an initializer finds the forget gate at rows (weights) or
 * columns (biases) [H, 2H). The state is (h, c).
 *
 * <p>Private package: the cell is reached only as a {@link org.rnnlab.api.cell.CellType} service.
 */
package org.rnnlab.cell.lstm.internal;
