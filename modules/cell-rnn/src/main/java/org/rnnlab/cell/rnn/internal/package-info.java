/**
 * The Elman cells {@code rnn-tanh} and {@code rnn-relu} (Elman 1990):
 * {@code h_t = φ(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)}, in the parameter layout and names of
 * PyTorch's {@code torch.nn.RNN} (weight_ih, weight_hh, bias_ih, bias_hh; both biases kept, as
 * PyTorch keeps them, so its checkpoints map one to one).
 *
 * <p>Derivatives follow PyTorch's convention: both are read from the output, tanh'(a) = 1 − h² and
 * relu'(a) = [h &gt; 0], so relu has slope 0 at a = 0.
 *
 * <p>Private package: the cells are reached only as {@link org.rnnlab.api.cell.CellType} services.
 */
package org.rnnlab.cell.rnn.internal;
