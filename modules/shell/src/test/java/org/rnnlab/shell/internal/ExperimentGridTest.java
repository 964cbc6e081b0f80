package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.RnnlabException;

class ExperimentGridTest {
    @Test
    void aKeyGivenTwiceVariesAndTheFirstVariedKeyChangesSlowest() {
        Experiment.Grid grid = Experiment.Grid.parse("length=20", "cell=rnn-tanh", "cell=lstm", "seed=1", "seed=2",
                "seed=3", "steps=100");
        assertEquals("exp", grid.name());
        assertEquals(Map.of("length", "20", "steps", "100"), grid.fixed());
        assertEquals(6, grid.size());
        List<Map<String, String>> combinations = grid.combinations();
        assertEquals(List.of(Map.of("cell", "rnn-tanh", "seed", "1"), Map.of("cell", "rnn-tanh", "seed", "2"),
                Map.of("cell", "rnn-tanh", "seed", "3"), Map.of("cell", "lstm", "seed", "1"),
                Map.of("cell", "lstm", "seed", "2"), Map.of("cell", "lstm", "seed", "3")), combinations);
        assertEquals(Map.of("length", "20", "steps", "100", "cell", "lstm", "seed", "2", "checkpoint.minutes", "1"),
                grid.spec(combinations.get(4)));
    }

    @Test
    void noneMeansNoRemedyAndNothingVariedMeansOneRun() {
        Experiment.Grid grid = Experiment.Grid.parse("name=e", "remedies=none", "remedies=clip-norm:max=1");
        assertEquals("e", grid.name());
        assertEquals("", grid.spec(grid.combinations().get(0)).get("remedies"));
        assertEquals("clip-norm:max=1", grid.spec(grid.combinations().get(1)).get("remedies"));
        assertEquals(List.of(Map.of()), Experiment.Grid.parse("cell=lstm").combinations());
    }

    @Test
    void clusterIsASettingOfTheExperimentNotOfItsRuns() {
        Experiment.Grid grid = Experiment.Grid.parse("name=e", "cluster=true", "cell=lstm", "cell=gru");
        assertTrue(grid.cluster());
        assertEquals(Map.of("cell", "gru", "checkpoint.minutes", "1"), grid.spec(grid.combinations().get(1)));
        assertFalse(Experiment.Grid.parse("cell=lstm").cluster());
        assertEquals("cluster is a setting of the experiment and cannot vary", assertThrows(RnnlabException.class,
                () -> Experiment.Grid.parse("cluster=true", "cluster=false")).getMessage());
        assertTrue(assertThrows(RnnlabException.class, () -> Experiment.Grid.parse("cluster=maybe")).getMessage()
                .contains("true or false"));
    }

    /** resume=NAME cluster=true on another runtime: a setting given again replaces the stored one. */
    @Test
    void aSettingGivenAgainOnResumeReplacesTheStoredOne(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("runs"));
        Files.writeString(home.resolve("runs").resolve("e.experiment"), "name=e\nparallel=1\ncell=lstm\ncell=gru\n");
        Experiment experiment = new Experiment(null, null, home, RnnCommands.Interrupts.NONE);
        Experiment.Grid resumed = experiment.resumed(Experiment.Grid.parse("resume=e", "parallel=2", "cluster=true"));
        assertEquals(2, resumed.parallel());
        assertTrue(resumed.cluster());
        assertEquals(Map.of("cell", List.of("lstm", "gru")), resumed.varied());
    }

    @Test
    void badGridsAreRefusedInOneLine() {
        assertEquals("name is a setting of the experiment and cannot vary",
                assertThrows(RnnlabException.class, () -> Experiment.Grid.parse("name=a", "name=b")).getMessage());
        assertEquals("malformed argument 'lstm'; expected key=value, e.g. cell=lstm",
                assertThrows(RnnlabException.class, () -> Experiment.Grid.parse("lstm")).getMessage());
        assertEquals("seed=1 is given twice; each value of a varied key makes its own runs, so give it once",
                assertThrows(RnnlabException.class, () -> Experiment.Grid.parse("seed=1", "seed=2", "seed=1"))
                        .getMessage());
        for (String name : new String[] {"", "-x", "a/b", "x".repeat(61)}) {
            assertEquals("experiment name '" + name + "' is not accepted; expected up to 60 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit",
                    assertThrows(RnnlabException.class, () -> Experiment.Grid.parse("name=" + name)).getMessage());
        }
        String[] tooMany = {"seed=1", "seed=2", "seed=3", "seed=4", "seed=5", "seed=6", "seed=7", "seed=8", "seed=9",
            "hidden=1", "hidden=2", "hidden=3", "hidden=4", "hidden=5", "hidden=6", "hidden=7", "hidden=8"};
        assertEquals("the grid has 72 runs; at most 64 are trained in one experiment",
                assertThrows(RnnlabException.class, () -> Experiment.Grid.parse(tooMany)).getMessage());
    }
}
