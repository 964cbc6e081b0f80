package org.rnnlab.api.remedy;

/**
 * Thrown by a remedy that declared {@link Remedy#rollback()}, to return its run to a rollback
 * point: the run restores the newest point from which the model still evaluates to finite
 * values, multiplies its learning rate by {@code learningRateFactor}, and then pauses (when
 * {@link #pause()}) or trains on. The message says why, for people.
 *
 * @since 1.1
 */
public class RollbackRequest extends PauseRequest {
    private static final long serialVersionUID = 1L;
    private final double learningRateFactor;
    private final boolean pause;

    /**
     * @param learningRateFactor in (0, 1]: 1 keeps the learning rate
     * @param pause              true to pause after the rollback, false to train on
     */
    public RollbackRequest(String message, double learningRateFactor, boolean pause) {
        super(message);
        if (!(learningRateFactor > 0 && learningRateFactor <= 1)) {
            throw new IllegalArgumentException("learning-rate factor " + learningRateFactor + " is not in (0, 1]");
        }
        this.learningRateFactor = learningRateFactor;
        this.pause = pause;
    }

    public double learningRateFactor() {
        return learningRateFactor;
    }

    public boolean pause() {
        return pause;
    }
}
