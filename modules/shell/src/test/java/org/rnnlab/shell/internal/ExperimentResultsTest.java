package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

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

    /** Loaded here from its final checkpoint, a run that failed or paused on a cluster reads READY; its row must not. */
    @Test
    void aRunThatEndedOnAClusterKeepsTheStateItEndedInThere() {
        Experiment.Grid grid = Experiment.Grid.parse("name=c", "remedies=none", "remedies=nonfinite-guard");
        Map<String, RunStatus> loaded = Map.of("c-1", ready("c-1", 210), "c-2", ready("c-2", 214));
        Trainer trainer = (Trainer) Proxy.newProxyInstance(Trainer.class.getClassLoader(), new Class<?>[] {Trainer.class},
                (proxy, method, args) -> method.getName().equals("status") ? loaded.get((String) args[0]) : null);
        ExperimentResults results = new ExperimentResults(grid, grid.combinations(), List.of("c-1", "c-2"));
        results.endedElsewhere(0, RunState.FAILED, loaded.get("c-1"), 0.5);
        results.endedElsewhere(1, RunState.PAUSED, loaded.get("c-2"), 0.5);
        results.evaluate(trainer, Map.of());
        assertTrue(results.text().contains("failed at step 210"), results.text());
        assertTrue(results.text().contains("paused at step 214"), results.text());
        assertTrue(results.csv().contains("c-1,none,failed,210,"), results.csv());
    }

    private static RunStatus ready(String name, long step) {
        return new RunStatus(name, RunState.READY, Map.of("steps", "1500"), step, 0, 7.2e305, Double.NaN, "mse", 9.8e153,
                0, Map.of(), "", 100);
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
