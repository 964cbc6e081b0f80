package org.rnnlab.api.optim;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.osgi.annotation.versioning.ConsumerType;

/** An optimizer with validated hyperparameters: immutable; all state lives in the slots. */
@ConsumerType
public interface UpdateRule {
    /** The per-parameter state this rule reads and writes, all zero for a fresh parameter. */
    List<SlotSpec> slots();

    /**
     * The learning rate of the update that follows {@code step} completed updates: the base rate
     * ({@code lr}) scaled by the rule's schedule, if its options name one. Pure: the trainer
     * passes the run's step count, so a schedule needs no state of its own.
     */
    double learningRate(long step);

    /**
     * Updates {@code param} in place from {@code grad} (never modified) with learning rate
     * {@code lr}. {@code slots} holds the state in the order of {@link #slots()}: parameter-shaped
     * matrices, or {@code 1 x 1} for scalars.
     */
    void apply(DMatrixRMaj param, DMatrixRMaj grad, DMatrixRMaj[] slots, double lr);
}
