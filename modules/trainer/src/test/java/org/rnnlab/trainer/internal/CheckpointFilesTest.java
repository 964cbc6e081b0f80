package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;

/**
 * Checkpoint files as a person meets them: paths relative to the home folder both ways, a save
 * that never replaces anything but an earlier checkpoint, loads that refuse non-finite values,
 * autosave with retention and a best checkpoint, recovery of the newest readable autosave,
 * temporaries of killed processes removed, and live runs saved when the trainer stops.
 */
class CheckpointFilesTest {
    private static final Duration LONG = Duration.ofMinutes(1);
    private final TrainerService trainer = Slice.trainer();
    @TempDir
    Path home;

    @BeforeEach
    void atHome() {
        trainer.configure(Map.of("home", home.toString()));
    }

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    private static Map<String, String> spec(String... pairs) {
        return Slice.spec(Map.of("length", "8", "hidden", "8", "batch", "4", "eval", "16"), pairs);
    }

    private RunStatus train(String run, long steps) throws InterruptedException {
        return Slice.train(trainer, run, steps);
    }

    @Test
    void relativePathsAreRelativeToHomeForSaveAndLoadAlike() throws InterruptedException {
        trainer.create("a", spec());
        train("a", 3);
        assertEquals(home.resolve("runs/a.ckpt"), trainer.save("a", null));
        assertEquals(home.resolve("elsewhere/b.ckpt"), trainer.save("a", Path.of("elsewhere/b.ckpt")));
        assertEquals(3, trainer.load(Path.of("runs/a.ckpt"), "from-default").step());
        assertEquals(3, trainer.load(Path.of("elsewhere/b.ckpt"), null).step());
    }

    @Test
    void aSaveReplacesOnlyAnEarlierCheckpoint() throws Exception {
        trainer.create("a", spec());
        Path device = Path.of("/dev/null");
        assertEquals("/dev/null is not a regular file; choose another file (nothing was written)",
                assertThrows(RnnlabException.class, () -> trainer.save("a", device)).getMessage());
        assertFalse(Files.isRegularFile(device), "the device is still a device");
        Path notes = Files.writeString(home.resolve("notes.txt"), "my notes");
        assertEquals(notes + " exists and is not an rnnlab checkpoint; choose another file or remove it (nothing was written)",
                assertThrows(RnnlabException.class, () -> trainer.save("a", notes)).getMessage());
        assertEquals("my notes", Files.readString(notes));
        Path folder = Files.createDirectory(home.resolve("folder.ckpt"));
        assertThrows(RnnlabException.class, () -> trainer.save("a", folder));
        Path link = Files.createSymbolicLink(home.resolve("link.ckpt"), trainer.save("a", Path.of("real.ckpt")));
        assertThrows(RnnlabException.class, () -> trainer.save("a", link));
        trainer.save("a", Path.of("real.ckpt")); // an earlier checkpoint is replaced
        try (var files = Files.list(home)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".part")), "no temporary file is left");
        }
    }

    @Test
    void aCheckpointHoldingANonFiniteValueIsRefused() throws Exception {
        trainer.create("a", spec());
        Snapshot good = trainer.run("a").snapshot();
        String first = good.parameters().keySet().iterator().next();
        good.parameters().get(first).set(0, 0, Double.NaN);
        Path file = Files.write(home.resolve("nan.ckpt"), Checkpoint.encode(good));
        assertEquals("checkpoint nan.ckpt holds a non-finite value in parameter " + first + "; nothing was loaded",
                assertThrows(RnnlabException.class, () -> trainer.load(Path.of("nan.ckpt"), "x")).getMessage());
        assertTrue(Files.exists(file));
        assertEquals(List.of("a"), trainer.runs().stream().map(RunStatus::name).toList());
    }

    /** A text file given a new character since the save: the model its spec builds has another size, and the refusal says why. */
    @Test
    void aTextFileChangedSinceTheSaveIsNamedAsTheCause() throws Exception {
        Path text = Files.writeString(home.resolve("corpus.txt"), "the gradient vanishes or explodes. ".repeat(40));
        trainer.create("t", Slice.spec(Map.of("task", "text", "file", text.toString(), "length", "8", "hidden", "8",
                "batch", "4", "eval", "16")));
        train("t", 2);
        trainer.save("t", Path.of("t.ckpt"));
        Files.writeString(text, "the gradient vanishes or explodes?! ".repeat(40)); // one character more

        String refused = assertThrows(RnnlabException.class, () -> trainer.load(Path.of("t.ckpt"), "u")).getMessage();

        assertTrue(refused.startsWith("checkpoint t.ckpt: parameter "), refused);
        assertTrue(refused.contains(" there, but the model its spec builds now has ")
                && refused.endsWith("(has the task's data changed since the save? a text task's symbols are its file's "
                        + "characters); nothing was loaded"), refused);
        assertEquals(List.of("t"), trainer.runs().stream().map(RunStatus::name).toList());
    }

    /** Values with a valid checksum that no run reaches: written by hand, or damaged before the checksum was taken. */
    @Test
    void aCheckpointHoldingAnImpossibleStateIsRefused() throws Exception {
        trainer.create("a", spec());
        Snapshot good = trainer.run("a").snapshot();
        Map<String, Double> nanFactor = new java.util.LinkedHashMap<>(good.memory());
        nanFactor.put("lr.factor", Double.NaN);
        Map<String, Snapshot> bad = Map.of(
                "lr.factor=NaN", new Snapshot(good.spec(), good.step(), good.batchIndex(), good.updates(), good.rng(),
                        good.parameters(), good.slotSpecs(), good.slots(), good.reports(), good.statistics(), nanFactor,
                        good.rollbacks(), good.history()),
                "a negative step, batch or update count", new Snapshot(good.spec(), -5, good.batchIndex(), good.updates(),
                        good.rng(), good.parameters(), good.slotSpecs(), good.slots(), good.reports(), good.statistics(),
                        good.memory(), good.rollbacks(), good.history()),
                "a random generator state that is empty or all zero", new Snapshot(good.spec(), good.step(),
                        good.batchIndex(), good.updates(), new long[5], good.parameters(), good.slotSpecs(), good.slots(),
                        good.reports(), good.statistics(), good.memory(), good.rollbacks(), good.history()));
        for (Map.Entry<String, Snapshot> b : bad.entrySet()) {
            Files.write(home.resolve("bad.ckpt"), Checkpoint.encode(b.getValue()));
            assertEquals("checkpoint bad.ckpt holds " + b.getKey() + ", which no run reaches; nothing was loaded",
                    assertThrows(RnnlabException.class, () -> trainer.load(Path.of("bad.ckpt"), "x")).getMessage());
        }
        assertEquals(List.of("a"), trainer.runs().stream().map(RunStatus::name).toList());
    }

    @Test
    void autosaveKeepsTheNewestAndTheBestAndRecoverLoadsTheNewest() throws Exception {
        trainer.create("a", spec("checkpoint.every=5", "checkpoint.keep=2", "checkpoint.best=mse"));
        train("a", 23);
        Path folder = home.resolve("runs/a");
        waitForFile(folder.resolve("step-000000000023.ckpt"));
        trainer.flushAutosaves();
        List<Path> kept = trainer.autosaveFiles("a");
        assertEquals(folder.resolve("step-000000000023.ckpt"), kept.get(0), "the newest first: " + kept);
        // a slow disk may skip an autosave (the newest pending one wins), so only the bound is certain
        assertTrue(kept.size() <= 2, "checkpoint.keep=2: " + kept);
        assertTrue(Files.isRegularFile(folder.resolve("best.ckpt")));
        byte[] expected = Checkpoint.encode(trainer.run("a").snapshot());

        trainer.remove("a");
        assertEquals(List.of("a"), trainer.recoverable());
        RunStatus recovered = trainer.recover("a").get(0);
        assertEquals(23, recovered.step());
        assertTrue(recovered.message().startsWith("recovered from runs/a/step-000000000023.ckpt"), recovered.message());
        assertArrayEquals(expected, Checkpoint.encode(trainer.run("a").snapshot()));
        assertEquals(List.of(), trainer.recoverable(), "a loaded run is not offered again");
    }

    /** Trainer.autosave: a run that never autosaved (its state came from elsewhere) is then recoverable. */
    @Test
    void autosaveWritesTheRunWhereRecoverFindsIt() throws Exception {
        trainer.create("a", spec()); // no checkpoint.every: it never autosaves by itself
        train("a", 7);
        Path written = trainer.autosave("a");
        assertEquals(home.resolve("runs/a/step-000000000007.ckpt"), written);
        byte[] expected = Checkpoint.encode(trainer.run("a").snapshot());
        trainer.remove("a");
        assertEquals(List.of("a"), trainer.recoverable());
        assertEquals(7, trainer.recover("a").get(0).step());
        assertArrayEquals(expected, Checkpoint.encode(trainer.run("a").snapshot()));
    }

    @Test
    void recoverSkipsAnUnreadableNewestCheckpointAndSaysSo() throws Exception {
        trainer.create("a", spec("checkpoint.every=2"));
        train("a", 2);
        waitForFile(home.resolve("runs/a/step-000000000002.ckpt"));
        train("a", 2);
        Path newest = home.resolve("runs/a/step-000000000004.ckpt");
        waitForFile(newest);
        trainer.remove("a");
        Files.write(newest, new byte[] {1, 2, 3});
        RunStatus recovered = trainer.recover(null).get(0);
        assertEquals(2, recovered.step());
        assertTrue(recovered.message().contains("skipped: runs/a/step-000000000004.ckpt is not an rnnlab checkpoint"),
                recovered.message());
        assertEquals("no autosaved checkpoint of run 'b' under " + home.resolve("runs/b") + "; recoverable: none",
                assertThrows(RnnlabException.class, () -> trainer.recover("b")).getMessage());

        // A pipe or a folder named like a newer autosave is named and skipped, never read.
        trainer.remove("a");
        Path pipe = home.resolve("runs/a/step-000000000006.ckpt");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
        Files.createDirectory(home.resolve("runs/a/step-000000000008.ckpt"));
        RunStatus past = trainer.recover("a").get(0);
        assertEquals(2, past.step());
        assertTrue(past.message().contains("runs/a/step-000000000008.ckpt is not a regular file")
                && past.message().contains("runs/a/step-000000000006.ckpt is not a regular file"), past.message());
        assertEquals("checkpoint " + pipe + " is not a regular file (a folder, a pipe or a device); nothing was loaded",
                assertThrows(RnnlabException.class, () -> trainer.load(pipe, "x")).getMessage());
    }

    @Test
    void temporariesOfDeadProcessesAreRemovedThoseOfLiveOnesKept() throws Exception {
        Path runs = Files.createDirectories(home.resolve("runs/a"));
        Path dead = Files.writeString(runs.resolve(".step-000000000001.ckpt.2147483647.part"), "half");
        Path mine = Files.writeString(runs.resolve(".step-000000000002.ckpt." + ProcessHandle.current().pid() + ".part"), "x");
        // as HomeFiles names them now: .NAME.RANDOM.PID.part
        Path deadNow = Files.writeString(runs.resolve(".step-000000000003.ckpt.k3x9q.2147483647.part"), "half");
        Path mineNow = Files.writeString(runs.resolve(".step-000000000004.ckpt.k3x9q." + ProcessHandle.current().pid()
                + ".part"), "x");
        trainer.openHome();
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(deadNow));
        assertTrue(Files.exists(mine), "a running process may still be writing it");
        assertTrue(Files.exists(mineNow));
    }

    @Test
    void stoppingTheTrainerSavesEveryLiveRunForRecovery() throws Exception {
        trainer.create("busy", spec());
        trainer.start("busy", 100_000_000L);
        trainer.create("held", spec());
        trainer.start("held", 100_000_000L);
        trainer.pause("held");
        trainer.create("idle", spec());
        trainer.create("bench", spec("checkpoint.shutdown=false"));
        trainer.start("bench", 100_000_000L);
        trainer.deactivate();

        TrainerService next = Slice.trainer();
        try {
            next.configure(Map.of("home", home.toString()));
            assertEquals(List.of("busy", "held"), next.recoverable(),
                    "live runs were saved; the idle one and the one saying checkpoint.shutdown=false were not");
            List<RunStatus> back = next.recover(null);
            assertEquals(2, back.size());
            back.forEach(run -> assertEquals(RunState.READY, run.state()));
            back.forEach(run -> assertTrue(run.message().endsWith(
                    ", on its way to step 100000000: rnn:start or rnn:resume goes on to it"), run.message()));
            // Both go on to the step they were heading for, by start or by resume.
            assertEquals(100_000_000L, next.start("busy", 0).targetStep());
            assertEquals(RunState.RUNNING, next.resume("held").state());
            assertEquals(100_000_000L, next.status("held").targetStep());
            next.stop("held");
            next.await("held", LONG);
            long stoppedAt = next.status("held").step();
            assertEquals(stoppedAt + 1000, next.start("held", 0).targetStep(), "a stopped run starts afresh");
        } finally {
            next.deactivate();
        }
    }

    @Test
    void configuredDefaultsApplyToNewRunsOnly() {
        trainer.create("before", spec());
        trainer.configure(Map.of("home", home.toString(), "report", 7, "checkpoint.every", 50L));
        trainer.create("after", spec());
        assertEquals("100", trainer.status("before").spec().get("report"));
        assertEquals("0", trainer.status("before").spec().get("checkpoint.every"));
        assertEquals("7", trainer.status("after").spec().get("report"));
        assertEquals("50", trainer.status("after").spec().get("checkpoint.every"));
        trainer.configure(Map.of("home", home.toString(), "threads", 0));
        assertEquals(Map.of("report", "7", "checkpoint.every", "50"), trainer.configuredDefaults(),
                "a bad configuration changes nothing");
    }

    @Test
    void aConfigurationThatIsNotNumbersWhereNumbersAreDueIsRefusedAsAWhole() {
        trainer.configure(Map.of("home", home.toString(), "report", "7"));
        for (String bad : new String[] {"abc", "1.5", "", "1e999"}) {
            trainer.configure(Map.of("home", home.toString(), "report", "9", "eval", bad));
            assertEquals(Map.of("report", "7"), trainer.configuredDefaults(), "eval=" + bad + " changes nothing");
        }
        trainer.configure(Map.of("home", home.toString(), "checkpoint.every", "1.5"));
        assertEquals(Map.of("report", "7"), trainer.configuredDefaults(), "checkpoint.every=1.5 changes nothing");
        trainer.create("after", spec());
        assertEquals("7", trainer.status("after").spec().get("report"), "the trainer still serves");
    }

    @Test
    void aHomeThatCannotHoldRunsOrWouldMoveOpenRunsIsRefused() throws Exception {
        Path file = Files.writeString(home.resolve("a-file"), "");
        for (String bad : new String[] {file.toString(), file.resolve("below").toString(), "/proc/rnnlab-nope", "a\0b"}) {
            trainer.configure(Map.of("home", bad, "report", "9"));
            assertEquals(home, trainer.home(), "home=" + bad + " is refused");
            assertEquals(Map.of(), trainer.configuredDefaults(), "and the rest of that configuration with it");
        }
        Path other = Files.createDirectory(home.resolve("other"));
        trainer.create("open", spec());
        trainer.configure(Map.of("home", other.toString()));
        assertEquals(home, trainer.home(), "an open run keeps its autosaves where they are");
        trainer.remove("open");
        trainer.configure(Map.of("home", other.toString()));
        assertEquals(other, trainer.home(), "with no run open the home may move");
    }

    private static void waitForFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(Files.exists(file), file + " was written");
    }
}
