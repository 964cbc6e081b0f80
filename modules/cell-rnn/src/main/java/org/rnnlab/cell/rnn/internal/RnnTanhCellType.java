package org.rnnlab.cell.rnn.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.core.cell.Activation;

/** The Elman cell with tanh, PyTorch's {@code nn.RNN(nonlinearity='tanh')}. */
@Component(service = CellType.class, property = {
        Components.NAME + "=rnn-tanh",
        Components.DESCRIPTION + "=Elman RNN with tanh: h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)" })
public class RnnTanhCellType extends ElmanCellType {
    public RnnTanhCellType() {
        super(Activation.TANH);
    }
}
