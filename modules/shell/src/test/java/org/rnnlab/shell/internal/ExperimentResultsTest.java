package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExperimentResultsTest {
    @Test
    void meanAndSampleStandardDeviation() {
        assertEquals("2.0000 ± 1.0000", ExperimentResults.meanAndSpread(List.of(1.0, 2.0, 3.0)));
        assertEquals("0.5000", ExperimentResults.meanAndSpread(List.of(0.5)), "one value has no spread");
        assertEquals("-", ExperimentResults.meanAndSpread(List.of()));
    }

    @Test
    void aTargetIsReachedDownwardForErrorsAndUpwardForAccuracy() {
        assertTrue(ExperimentResults.reaches(0.01, 0.05, "mse"));
        assertFalse(ExperimentResults.reaches(0.1, 0.05, "mse"));
        assertTrue(ExperimentResults.reaches(0.95, 0.9, "accuracy"));
        assertFalse(ExperimentResults.reaches(0.5, 0.9, "accuracy"));
    }

    @Test
    void controlKeysSteerTheExperimentAndDoNotVary() {
        Experiment.Grid grid = Experiment.Grid.parse("name=g", "parallel=2", "target=0.1", "cell=lstm", "cell=gru",
                "seed=1", "seed=2", "length=10");
        assertEquals(2, grid.slots());
        assertEquals(0.1, grid.target());
        assertEquals(List.of("cell", "seed"), List.copyOf(grid.varied().keySet()));
        assertEquals("1", grid.spec(grid.combinations().get(0)).get("checkpoint.minutes"), "runs autosave for resume=");
        assertEquals("parallel is a setting of the experiment and cannot vary",
                org.junit.jupiter.api.Assertions.assertThrows(org.rnnlab.api.RnnlabException.class,
                        () -> Experiment.Grid.parse("parallel=1", "parallel=2")).getMessage());
    }
}
