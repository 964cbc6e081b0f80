package org.rnnlab.cell.gru.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;

/** The minimal gated unit of Zhou et al. 2016. It takes no options. */
@Component(service = CellType.class, property = {
        Components.NAME + "=mgu",
        Components.DESCRIPTION + "=minimal gated unit (Zhou et al. 2016): f = sigmoid(W_f x + U_f h + b_f),"
                + " n = tanh(W_n x + U_n (f*h) + b_n), h_t = (1-f)*h_(t-1) + f*n" })
public class MguCellType implements CellType {
    @Override
    public Cell create(CellSpec spec) {
        spec.options().allowOnly();
        return new MguCell(spec.inputSize(), spec.hiddenSize(), spec.backend());
    }
}
