/**
 * The initializers. Each fills one parameter from its role, shape and gates with the run's
 * generator, so the same seed gives the same parameters; gated parameters are initialized per
 * gate block (a weight's row block, a bias's column block), and fans are those of one block.
 *
 * <h2>Which initializer for which parameter</h2>
 * A run maps each parameter role to an initializer ({@code init.input}, {@code init.recurrent},
 * {@code init.bias}, {@code init.output}, {@code init.output-bias}). The run's defaults are the
 * same for every cell: input and output weights {@code xavier-uniform}, recurrent weights
 * {@code orthogonal}, biases {@code zero}. Per cell, the usual remedies against vanishing
 * gradients are:
 * <table>
 * <caption>per-cell choices</caption>
 * <tr><th>cell</th><th>recommended</th><th>why</th></tr>
 * <tr><td>rnn-tanh</td><td>the defaults</td>
 * <td>an orthogonal recurrence keeps gradient norms through a linear step (Saxe et al. 2014)</td></tr>
 * <tr><td>rnn-relu</td><td>{@code init.recurrent=identity} with the zero biases</td>
 * <td>the IRNN of Le et al. 2015; {@code he-normal} for input weights suits ReLU</td></tr>
 * <tr><td>lstm</td><td>{@code init.bias=forget-bias}, or {@code init.bias=chrono:tmax=T} for dependencies up to T steps</td>
 * <td>a forget gate open at the start carries the gradient (Jozefowicz et al. 2015; Tallec &amp; Ollivier 2018)</td></tr>
 * <tr><td>gru</td><td>{@code init.bias=chrono:tmax=T}</td><td>the update gate z keeps the state</td></tr>
 * <tr><td>esn</td><td>{@code init.recurrent=spectral:radius=0.95:sparsity=0.9}</td>
 * <td>the frozen reservoir needs a radius below 1 (Jaeger 2001)</td></tr>
 * </table>
 * forget-bias and chrono refuse a parameter that is not a cell bias or lacks their gates, and
 * for PyTorch's pair of added biases put the values into {@code bias_ih} only
 * ({@link org.rnnlab.init.internal.GateBiases}); spectral refuses non-square blocks.
 */
package org.rnnlab.init.internal;
