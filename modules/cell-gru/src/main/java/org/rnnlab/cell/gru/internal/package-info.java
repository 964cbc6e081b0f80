/**
 * The GRU family, each cell with one state h and G gate blocks declared as
 * {@link org.rnnlab.api.cell.ParameterSpec#gates()}: they stack the rows of its {@code G·H x n}
 * weights and split the columns of its {@code 1 x G·H} biases:
 * <ul>
 * <li>{@code gru} — the gated recurrent unit of Cho et al. 2014, exactly as PyTorch's
 *     {@code torch.nn.GRU} (gates r, z, n; b_hn inside the reset product), see {@link GruCell};</li>
 * <li>{@code mgu} — the minimal gated unit of Zhou et al. 2016 (one forget gate f, candidate n),
 *     see {@link MguCell};</li>
 * <li>{@code mingru} — minGRU of Feng et al. 2024 (gates from x_t only: z, candidate n), see
 *     {@link MinGruCell}.</li>
 * </ul>
 *
 * <p>Private package: the cells are reached only as {@link org.rnnlab.api.cell.CellType} services.
 */
package org.rnnlab.cell.gru.internal;
