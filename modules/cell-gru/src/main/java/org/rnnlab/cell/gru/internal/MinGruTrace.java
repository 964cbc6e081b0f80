package org.rnnlab.cell.gru.internal;

import org.rnnlab.core.cell.WindowTrace;

/**
 * The buffers of one minGRU window: only the shared ones. After forward the gate buffer holds
 * (z_t, h̃_t) of every step; the gate gradients hold dL/d(pre-activation) of each.
 */
final class MinGruTrace extends WindowTrace {
    MinGruTrace(int batch, int capacity, int inputSize, int hiddenSize) {
        super(batch, capacity, inputSize, hiddenSize, 1, 2 * hiddenSize);
    }

    /** The activated update gate z (sigmoid); the candidate is linear. */
    @Override
    public double saturation() {
        return saturation(new int[] {0}, new int[0]);
    }
}
