package org.rnnlab.trainer.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.Shares;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;

class ObjectiveTest {
    @Test
    void meanSquaredErrorIsTheMeanOverCountedPositionsAndOutputs() {
        Batch batch = new Batch(3, 1, 1, 2, Loss.MSE, Readout.LAST);
        batch.targets().data = new double[] {1, 2, 3, 4, 5, 6};
        batch.mask()[2] = 0;
        DMatrixRMaj predictions = new DMatrixRMaj(3, 2, true, 1, 3, 3, 4, 100, 100);
        DMatrixRMaj gradient = new DMatrixRMaj(3, 2);
        Objective.Score score = Objective.score(Loss.MSE, predictions, batch, gradient, null, null);
        assertEquals((0 + 1 + 0 + 0) / 4.0, score.loss(), 1e-15);
        assertEquals(score.loss(), score.metric());
        assertArrayEquals(new double[] {0, 0.5, 0, 0, 0, 0}, gradient.data, 1e-15);
    }

    @Test
    void crossEntropyMatchesItsDefinitionAndCountsAccuracy() {
        Batch batch = new Batch(2, 1, 1, 2, Loss.CROSS_ENTROPY, Readout.LAST);
        batch.labels()[0] = 1;
        batch.labels()[1] = 1;
        // logits (0, ln 3): p = (1/4, 3/4); logits (1000, 0): p = (1, e^-1000), stable thanks to the shift
        DMatrixRMaj logits = new DMatrixRMaj(2, 2, true, 0, Math.log(3), 1000, 0);
        DMatrixRMaj gradient = new DMatrixRMaj(2, 2);
        Objective.Score score = Objective.score(Loss.CROSS_ENTROPY, logits, batch, gradient, new double[4], null);
        assertEquals((-Math.log(0.75) + 1000) / 2, score.loss(), 1e-12);
        assertEquals(0.5, score.metric());
        assertArrayEquals(new double[] {0.125, -0.125, 0.5, -0.5}, gradient.data, 1e-12);
    }

    /**
     * Rows spread over threads give one thread's bits: every gradient element, the loss and the
     * accuracy, with masked rows, ties and an infinite logit among them.
     */
    @Test
    void crossEntropyOnThreadsIsBitForBitOneThreads() throws InterruptedException {
        int classes = 65;
        int rows = Objective.SPLIT_LOGITS / classes + 37;
        Batch batch = new Batch(rows, 1, 1, classes, Loss.CROSS_ENTROPY, Readout.LAST);
        Random random = new Random(3);
        DMatrixRMaj logits = new DMatrixRMaj(rows, classes);
        for (int i = 0; i < logits.data.length; i++) {
            logits.data[i] = random.nextGaussian() * 4;
        }
        for (int row = 0; row < rows; row++) {
            batch.labels()[row] = random.nextInt(classes);
            batch.mask()[row] = row % 7 == 0 ? 0 : 1;
        }
        logits.data[5 * classes + 3] = logits.data[5 * classes + 4]; // a tie
        logits.data[9 * classes] = Double.POSITIVE_INFINITY;
        DMatrixRMaj oneThread = new DMatrixRMaj(rows, classes);
        Objective.Score expected = Objective.score(Loss.CROSS_ENTROPY, logits, batch, oneThread, new double[2 * rows],
                null);
        DMatrixRMaj threeThreads = new DMatrixRMaj(rows, classes);
        ThreadShares shares = new ThreadShares(3);
        Objective.Score actual = Objective.score(Loss.CROSS_ENTROPY, logits, batch, threeThreads, new double[2 * rows],
                shares);
        assertEquals(3, shares.started.get(), "every share ran on its own thread");
        assertEquals(expected, actual);
        for (int i = 0; i < oneThread.data.length; i++) {
            assertEquals(Double.doubleToRawLongBits(oneThread.data[i]), Double.doubleToRawLongBits(threeThreads.data[i]),
                    "gradient element " + i);
        }
    }

    /** Each share on a thread of its own (share 0 on the caller's), as the trainer's threads run them. */
    private static final class ThreadShares implements Shares {
        private final int count;
        final AtomicInteger started = new AtomicInteger();

        ThreadShares(int count) {
            this.count = count;
        }

        @Override
        public void run(Work work) {
            Thread[] others = new Thread[count - 1];
            for (int t = 1; t < count; t++) {
                int index = t;
                others[t - 1] = new Thread(() -> work.run(share(index)));
                others[t - 1].start();
            }
            work.run(share(0));
            for (Thread other : others) {
                try {
                    other.join(20_000);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }

        private Share share(int index) {
            started.incrementAndGet();
            return new Share() {
                @Override
                public int index() {
                    return index;
                }

                @Override
                public int count() {
                    return count;
                }

                @Override
                public MatrixBackend products() {
                    throw new UnsupportedOperationException("the loss multiplies nothing");
                }

                @Override
                public void awaitOthers() {
                    throw new UnsupportedOperationException("the loss's rows do not meet");
                }
            };
        }
    }
}
