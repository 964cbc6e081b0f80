package org.rnnlab.cell.esn.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;

/** Makes echo state network reservoirs; every option is validated here, before a run is created. */
@Component(service = CellType.class, property = {
        Components.NAME + "=esn",
        Components.DESCRIPTION + "=echo state network (Jaeger 2001): frozen leaky tanh reservoir"
                + " h_t = (1-a) h_(t-1) + a tanh(W_in x_t + W h_(t-1) + b);"
                + " options radius, input_scaling, sparsity or connectivity, leak, bias_scaling" })
public class EsnCellType implements CellType {
    @Override
    public Cell create(CellSpec spec) {
        return new EsnCell(spec.inputSize(), spec.hiddenSize(), ReservoirOptions.parse(spec.options()), spec.backend());
    }
}
