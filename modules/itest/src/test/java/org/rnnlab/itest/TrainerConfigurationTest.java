package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * The trainer's defaults are configuration (PID org.rnnlab.trainer): a {@code .cfg} dropped into
 * a watched folder changes the defaults of new runs at once, and every existing run, training or
 * not, stays exactly as it was (the component is modified, never re-activated).
 */
@ExtendWith(ServiceExtension.class)
class TrainerConfigurationTest {
    private static final Duration FILEINSTALL = Duration.ofSeconds(30);
    private static final Map<String, String> SPEC = Map.of("task", "adding", "length", "5", "hidden", "8", "seed", "3");

    @InjectService(timeout = 30_000)
    Trainer trainer;

    @InjectService(timeout = 30_000)
    ConfigurationAdmin configurationAdmin;

    @TempDir
    Path temp;

    private Path dropIn;
    private Configuration watcher;

    @BeforeEach
    void watchADropInFolder() throws IOException {
        dropIn = Files.createDirectory(temp.resolve("drop-in"));
        watcher = WatchedFolder.watch(configurationAdmin, dropIn);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String run : new String[] {"busy", "idle", "probe"}) {
            if (trainer.runs().stream().anyMatch(r -> r.name().equals(run))) {
                trainer.remove(run);
            }
        }
        Files.deleteIfExists(dropIn.resolve("org.rnnlab.trainer.cfg"));
        Await.until("the trainer's defaults to return", FILEINSTALL, () -> probeReport(), "100"::equals);
        watcher.delete();
    }

    @Test
    void aDroppedCfgChangesTheDefaultsOfNewRunsAndLeavesEveryRunAlone() throws Exception {
        trainer.create("busy", SPEC);
        trainer.start("busy", 100_000_000L);
        trainer.create("idle", SPEC);
        RunStatus idleBefore = trainer.status("idle");

        drop("report=7\ncheckpoint.keep=5\n");
        Await.until("a new run to get report=7", FILEINSTALL, this::probeReport, "7"::equals);

        trainer.create("probe", SPEC);
        assertEquals("5", trainer.status("probe").spec().get("checkpoint.keep"));
        RunStatus busy = trainer.status("busy");
        assertEquals(RunState.RUNNING, busy.state(), busy.message());
        assertEquals("100", busy.spec().get("report"), "an existing run keeps its spec");
        long step = busy.step();
        Await.until("the busy run to go on training", FILEINSTALL, () -> trainer.status("busy").step(), s -> s > step);
        RunStatus idle = trainer.status("idle");
        assertEquals(RunState.READY, idle.state());
        assertEquals(idleBefore.spec(), idle.spec());
        assertEquals(idleBefore.loss(), idle.loss(), 0.0);
        assertTrue(trainer.runs().size() >= 3, "no run was lost: " + trainer.runs());
        trainer.stop("busy");
    }

    @Test
    void aCfgWithAValueThatIsNotANumberChangesNothingAndTheNextGoodOneApplies() throws Exception {
        trainer.create("idle", SPEC);
        RunStatus idleBefore = trainer.status("idle");
        drop("report=7\neval=abc\n");
        Await.until("ConfigAdmin to hold the bad configuration", FILEINSTALL,
                () -> configured("eval"), "abc"::equals);
        // Configurations reach the trainer in order: once the next one applies, the trainer has
        // met the bad one and is still there (before the fix, SCR failed the component on it).
        drop("report=8\n");
        Await.until("a new run to get report=8", FILEINSTALL, this::probeReport, "8"::equals);
        assertEquals(idleBefore.spec(), trainer.status("idle").spec(), "the idle run is as it was");
    }

    private void drop(String cfg) throws IOException {
        Path staged = Files.writeString(temp.resolve("org.rnnlab.trainer.cfg"), cfg);
        Files.move(staged, dropIn.resolve("org.rnnlab.trainer.cfg"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The trainer configuration's value of {@code key} in ConfigAdmin, or null. */
    private String configured(String key) {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=org.rnnlab.trainer)");
            Object value = found == null ? null : found[0].getProperties().get(key);
            return value == null ? null : value.toString();
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The report default a run created now gets. */
    private String probeReport() {
        try {
            return trainer.create("probe", SPEC).spec().get("report");
        } finally {
            trainer.remove("probe");
        }
    }
}
