package org.rnnlab.cell.gru.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;

/** minGRU of Feng et al. 2024. It takes no options. */
@Component(service = CellType.class, property = {
        Components.NAME + "=mingru",
        Components.DESCRIPTION + "=minGRU (Feng et al. 2024), gates from x_t only: z = sigmoid(W_z x + b_z),"
                + " h_t = (1-z)*h_(t-1) + z*(W_n x + b_n)" })
public class MinGruCellType implements CellType {
    @Override
    public Cell create(CellSpec spec) {
        spec.options().allowOnly();
        return new MinGruCell(spec.inputSize(), spec.hiddenSize(), spec.backend());
    }
}
