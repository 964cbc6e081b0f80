package org.rnnlab.tasks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.core.random.Xoshiro256;

/** What the task tests share: a batch sized by the session, filled, and reading one-hot inputs back. */
final class Batches {
    private Batches() {
    }

    /** An empty batch of {@code sequences} sequences, shaped as the session asks. */
    static Batch of(TaskSession session, int sequences) {
        return new Batch(sequences, session.length(), session.inputSize(), session.outputSize(), session.loss(),
                session.readout());
    }

    /** A batch filled from the training split, batch index 0, by a generator with this seed. */
    static Batch filled(TaskSession session, int sequences, long seed) {
        Batch batch = of(session, sequences);
        session.fill(batch, Split.TRAIN, 0, new Xoshiro256(seed));
        return batch;
    }

    /** The symbol at step t of sequence b, checking that its input row is exactly one-hot. */
    static int oneHot(Batch batch, int t, int b) {
        int row = t * batch.batch() + b;
        int found = -1;
        for (int s = 0; s < batch.inputs().numCols; s++) {
            double v = batch.inputs().get(row, s);
            assertTrue(v == 0.0 || v == 1.0, "input " + v + " at step " + t);
            if (v == 1.0) {
                assertEquals(-1, found, "two symbols at step " + t);
                found = s;
            }
        }
        assertTrue(found >= 0, "no symbol at step " + t);
        return found;
    }
}
