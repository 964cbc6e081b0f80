package org.rnnlab.cell.rnn.internal;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.core.cell.Activation;

/** The Elman cell with ReLU, PyTorch's {@code nn.RNN(nonlinearity='relu')}. */
@Component(service = CellType.class, property = {
        Components.NAME + "=rnn-relu",
        Components.DESCRIPTION + "=Elman RNN with ReLU: h_t = relu(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)" })
public class RnnReluCellType extends ElmanCellType {
    public RnnReluCellType() {
        super(Activation.RELU);
    }
}
