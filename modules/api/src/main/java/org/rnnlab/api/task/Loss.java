package org.rnnlab.api.task;

/** The losses the trainer computes on the head's output, averaged over the counted positions. */
public enum Loss {
    /** Mean squared error over counted positions and output units (PyTorch MSELoss, mean). */
    MSE,
    /** Softmax cross-entropy over counted positions, targets as class labels. */
    CROSS_ENTROPY
}
