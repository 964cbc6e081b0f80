package org.rnnlab.cell.gru.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;

/** The GRU, PyTorch's {@code nn.GRU}. It takes no options. */
@Component(service = CellType.class, property = {
        Components.NAME + "=gru",
        Components.DESCRIPTION + "=GRU (Cho et al. 2014) exactly as PyTorch, gates r,z,n:"
                + " n = tanh(W_in x + b_in + r*(W_hn h + b_hn)), h_t = (1-z)*n + z*h_(t-1)" })
public class GruCellType implements CellType {
    @Override
    public Cell create(CellSpec spec) {
        spec.options().allowOnly();
        return new GruCell(spec.inputSize(), spec.hiddenSize(), spec.backend());
    }
}
