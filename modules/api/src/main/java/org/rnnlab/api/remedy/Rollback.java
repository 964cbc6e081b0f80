package org.rnnlab.api.remedy;

/**
 * Rollback points a remedy asks its run to keep: every {@code every} applied steps the run
 * copies its parameters and optimizer state, keeping the newest {@code keep} copies (they are
 * part of the run's checkpoint). A {@link RollbackRequest} returns to the newest of them from
 * which the model still evaluates to finite values.
 *
 * @param keep  copies kept, at least 1
 * @param every steps between two copies, at least 1
 * @since 1.1
 */
public record Rollback(int keep, int every) {
    public Rollback {
        if (keep < 1 || every < 1) {
            throw new IllegalArgumentException("rollback needs keep >= 1 and every >= 1, not " + keep + " and " + every);
        }
    }
}
