package org.rnnlab.cell.lstm.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;

/** The LSTM cell, PyTorch's {@code nn.LSTM}. It takes no options. */
@Component(service = CellType.class, property = {
        Components.NAME + "=lstm",
        Components.DESCRIPTION + "=LSTM (Hochreiter & Schmidhuber 1997, forget gate of Gers et al. 2000), PyTorch"
                + " layout, gates i,f,g,o: c_t = f*c_(t-1) + i*g, h_t = o*tanh(c_t)" })
public class LstmCellType implements CellType {
    @Override
    public Cell create(CellSpec spec) {
        spec.options().allowOnly();
        return new LstmCell(spec.inputSize(), spec.hiddenSize(), spec.backend());
    }
}
