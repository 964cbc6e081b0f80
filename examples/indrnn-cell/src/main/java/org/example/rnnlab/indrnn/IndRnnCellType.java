package org.example.rnnlab.indrnn;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;

/**
 * The independently recurrent neural network (IndRNN) of Li et al. 2018, "Independently Recurrent
 * Neural Network (IndRNN): Building A Longer and Deeper RNN", eq. 2:
 * h_t = relu(W x_t + u ⊙ h_{t−1} + b). Each unit sees only its own past, through one weight u_j;
 * the paper bounds |u_j| to keep gradients from exploding over long sequences (section 3.1).
 * Option {@code bound} (default 1) is that bound.
 */
@Component(property = {
        Components.NAME + "=indrnn",
        Components.DESCRIPTION + "=IndRNN (Li et al. 2018): h = relu(W x + u * h_prev + b), |u| <= bound; options: bound" })
public class IndRnnCellType implements CellType {
    @Override
    public Cell create(CellSpec spec) {
        spec.options().allowOnly("bound");
        double bound = spec.options().positive("bound", 1);
        return new IndRnnCell(spec.inputSize(), spec.hiddenSize(), bound, spec.backend());
    }

    /**
     * u starts in U(0, 1), as the paper starts it for the adding problem (section 4.1): each unit
     * remembers with a positive weight of at most 1. An orthogonal start, the run's default for
     * recurrent weights, means nothing for a vector.
     */
    @Override
    public Map<String, String> defaultInitializers() {
        return Map.of(IndRnnCell.U, "uniform:a=0:b=1");
    }
}
