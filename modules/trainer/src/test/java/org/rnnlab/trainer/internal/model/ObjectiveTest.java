package org.rnnlab.trainer.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
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
}
