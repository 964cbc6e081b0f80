package org.rnnlab.api.remedy;

/**
 * Rollback points a remedy asks its run to keep: copies of its parameters and optimizer state,
 * the first before the first step under the request (for a new run, its initial parameters),
 * then every {@code every} applied steps; {@code keep} of them, thinned with age so they reach
 * back to the first, which is always kept (they are part of the run's checkpoint). A
 * {@link RollbackRequest} returns to the newest of them whose held-out loss is finite and at
 * most twice the lowest among them.
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
