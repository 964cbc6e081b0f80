package org.rnnlab.init.internal;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;

/**
 * What forget-bias and chrono share: they set gate blocks of a gated cell's bias and zero the
 * rest. A cell in PyTorch's layout has two biases that are added, {@code bias_ih + bias_hh}; the
 * gate values go into the first and the second ({@link #SECOND_BIAS}) is all zeros, so their sum
 * carries each value once (an LSTM's forget bias is then 1, not 2).
 */
final class GateBiases {
    /** PyTorch's name of the hidden-to-hidden bias, added to {@code bias_ih}. */
    static final String SECOND_BIAS = "bias_hh";

    private GateBiases() {
    }

    /** Refuses parameters that are not a cell's bias: these initializers make no sense elsewhere. */
    static void requireCellBias(String initializer, ParameterSpec spec) {
        if (spec.role() != ParameterRole.BIAS) {
            throw new RnnlabException(initializer + ": " + spec.name() + " has role " + spec.role().key() + "; "
                    + initializer + " sets a cell's gate biases, use it as init.bias=" + initializer);
        }
    }

    static boolean isSecondBias(ParameterSpec spec) {
        return spec.name().equals(SECOND_BIAS);
    }

    /** The gates a parameter has, for messages. */
    static String describeGates(ParameterSpec spec) {
        return spec.gates().isEmpty() ? "no gates" : "gates " + String.join(", ", spec.gates());
    }
}
