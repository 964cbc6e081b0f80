package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an experiment learns as it goes, kept for a resume. */
class ExperimentProgressTest {
    /**
     * The earliest step told wins, whatever the order: live reports come in order, but a run's
     * records from the cluster can tell an earlier step than the first report this runtime heard.
     */
    @Test
    void theEarliestStepAtWhichARunReachedTheTargetIsKept(@TempDir Path home) {
        Path file = home.resolve("e.progress");
        ExperimentProgress progress = ExperimentProgress.fresh(file);
        progress.reached("e-1", 500);
        progress.reached("e-1", 700);
        progress.reached("e-2", 900);
        progress.reached("e-2", 300);
        assertEquals(Map.of("e-1", 500L, "e-2", 300L), progress.reached());
        assertEquals(Map.of("e-1", 500L, "e-2", 300L), ExperimentProgress.resumed(file).reached(), "kept on disk");
    }
}
