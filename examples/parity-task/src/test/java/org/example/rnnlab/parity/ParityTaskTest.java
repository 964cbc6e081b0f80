package org.example.rnnlab.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.testkit.CellMatrices;
import org.rnnlab.testkit.SeededRandom;

/** The label is what the task says it is: the sum of the sequence's bits modulo 2. */
class ParityTaskTest {
    @Test
    void eachLabelIsTheParityOfItsSequence() {
        TaskSession session = new ParityTask().open(Options.of("parity", Map.of("length", "7")));
        Batch batch = new Batch(5, 7, 1, 2, session.loss(), session.readout());
        session.fill(batch, Split.TRAIN, 0, SeededRandom.of(1));
        for (int b = 0; b < 5; b++) {
            double sum = 0;
            for (int t = 0; t < 7; t++) {
                sum += CellMatrices.step(batch.inputs(), t, 5).get(b, 0);
            }
            assertEquals((int) sum % 2, batch.labels()[b]);
        }
    }
}
