package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.TrainingListener;
import org.rnnlab.remedy.internal.ClipNormRemedy;
import org.rnnlab.trainer.internal.model.Parameter;

class TrainerServiceTest {
    private static final Duration LONG = Duration.ofMinutes(2);
    private final TrainerService trainer = Slice.trainer();

    @TempDir
    Path folder;

    @AfterEach
    void stopRuns() {
        trainer.deactivate();
    }

    private static Map<String, String> spec(String... pairs) {
        return Slice.spec(Map.of("length", "8", "hidden", "8", "batch", "8", "eval", "64", "lr", "0.01"), pairs);
    }

    private RunStatus train(String name, long steps) throws InterruptedException {
        return Slice.train(trainer, name, steps);
    }

    @Test
    void sameSpecAndSeedGiveTheSameLosses() throws InterruptedException {
        trainer.create("a", spec("seed=7"));
        trainer.create("b", spec("seed=7"));
        trainer.create("c", spec("seed=8"));
        double a = train("a", 40).loss();
        assertEquals(a, train("b", 40).loss());
        assertNotEquals(a, train("c", 40).loss());
        assertEquals(trainer.evaluate("a").loss(), trainer.evaluate("b").loss());
    }

    /** Principle 4: a run resumed from a checkpoint continues exactly as if it had never stopped. */
    @Test
    void resumedCheckpointContinuesExactly() throws InterruptedException {
        trainer.create("straight", spec("remedies=clip-norm:max=1"));
        train("straight", 60);

        trainer.create("halves", spec("remedies=clip-norm:max=1"));
        train("halves", 30);
        Path file = trainer.save("halves", folder.resolve("halves.ckpt"));
        trainer.remove("halves");
        RunStatus loaded = trainer.load(file, null);
        assertEquals("halves", loaded.name());
        assertEquals(30, loaded.step());

        RunStatus resumed = train("halves", 30);
        assertEquals(60, resumed.step());
        assertEquals(trainer.status("straight").loss(), resumed.loss(), 0.0);
        assertEquals(trainer.evaluate("straight").loss(), trainer.evaluate("halves").loss(), 0.0);
        assertTrue(resumed.remedies().get("clip-norm").containsKey("norm"));
    }

    @Test
    void corruptOrForeignFilesAreRefusedAndNothingIsLoaded() throws Exception {
        trainer.create("a", spec());
        Path good = trainer.save("a", folder.resolve("a.ckpt"));
        byte[] bytes = Files.readAllBytes(good);

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        Path corrupt = Files.write(folder.resolve("corrupt.ckpt"), flipped);
        assertEquals("checkpoint " + corrupt + " is corrupt (checksum mismatch); nothing was loaded",
                assertThrows(RnnlabException.class, () -> trainer.load(corrupt, "x")).getMessage());

        Path foreign = Files.writeString(folder.resolve("notes.txt"), "hello, world: not a checkpoint at all");
        assertEquals(foreign + " is not an rnnlab checkpoint",
                assertThrows(RnnlabException.class, () -> trainer.load(foreign, "x")).getMessage());

        Path missing = folder.resolve("missing.ckpt");
        assertEquals("no checkpoint at " + missing,
                assertThrows(RnnlabException.class, () -> trainer.load(missing, "x")).getMessage());
        assertEquals(List.of("a"), trainer.runs().stream().map(RunStatus::name).toList());
        assertFalse(Files.list(folder).anyMatch(p -> p.toString().endsWith(".part")), "no temporary file is left");
    }

    @Test
    void aLiveChangeKeepsParametersAndABadOneChangesNothing() throws InterruptedException {
        trainer.create("a", spec());
        train("a", 20);
        Evaluation before = trainer.evaluate("a");

        RunStatus changed = trainer.set("a", Map.of("optimizer", "sgd", "lr", "0.05"));
        assertEquals("sgd", changed.spec().get("optimizer"));
        assertEquals(before.loss(), trainer.evaluate("a").loss(), 0.0, "parameters are kept");

        for (Map<String, String> bad : List.of(Map.of("lr", "-1"), Map.of("optimizer", "nosuch"),
                Map.of("optimizer", "adam", "betas", "x"), Map.of("hidden", "16"), Map.of("seed", "3"),
                Map.of("init.recurrent", "zero"))) {
            RnnlabException error = assertThrows(RnnlabException.class, () -> trainer.set("a", bad));
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
            assertEquals("sgd", trainer.status("a").spec().get("optimizer"), "unchanged after " + bad);
            assertEquals("0.05", trainer.status("a").spec().get("lr"));
        }
        assertEquals(40, train("a", 20).step(), "training continues after the swap");
    }

    /** Switching the optimizer drops the old one's settings the new one does not read, and says so; the schedule stays. */
    @Test
    void switchingTheOptimizerDropsWhatOnlyTheOldOneReadAndSaysSo() throws InterruptedException {
        trainer.create("a", spec("optimizer=sgd", "momentum=0.5", "schedule=cosine", "t_max=100"));
        train("a", 5);

        RunStatus adam = trainer.set("a", Map.of("optimizer", "adam"));
        assertEquals("changed: optimizer=adam (dropped momentum=0.5: adam does not take it)", adam.message());
        assertFalse(adam.spec().containsKey("momentum"));
        assertEquals("cosine", adam.spec().get("schedule"), "the schedule is the run's, whatever the optimizer");
        assertEquals("100", adam.spec().get("t_max"));

        RunStatus back = trainer.set("a", Map.of("optimizer", "sgd", "momentum", "0.9"));
        assertTrue(back.message().startsWith("changed: ") && !back.message().contains("dropped"), back.message());
        assertEquals("0.9", back.spec().get("momentum"));
        RnnlabException given = assertThrows(RnnlabException.class,
                () -> trainer.set("a", Map.of("optimizer", "adam", "momentum", "0.9")));
        assertTrue(given.getMessage().contains("unknown option 'momentum'"), "typed with the switch, it is refused: "
                + given.getMessage());
        assertEquals("sgd", trainer.status("a").spec().get("optimizer"));
    }

    @Test
    void aRunTakesAChangeAtItsNextStepWhileTraining() throws InterruptedException {
        trainer.create("a", spec());
        trainer.start("a", 1_000_000);
        RunStatus changed = trainer.set("a", Map.of("remedies", "clip-norm:max=0.5"));
        assertEquals(RunState.RUNNING, changed.state());
        long step = changed.step();
        waitFor(() -> trainer.status("a").step() > step + 5);
        assertTrue(trainer.status("a").remedies().get("clip-norm").get("clipped") != null);
        assertEquals(RunState.STOPPED, trainer.stop("a").state());
    }

    /**
     * Issue 4's swap: a running run takes optimizer=rmsprop at its next step, keeps its
     * parameters (no jump beyond what one rmsprop step explains) and refuses bad values unchanged.
     */
    @Test
    void swappingTheOptimizerOfARunningRunKeepsItsParameters() throws InterruptedException {
        trainer.create("a", spec("lr=0.003"));
        train("a", 200);
        double before = trainer.evaluate("a").loss();
        trainer.start("a", 1_000_000);
        RunStatus swapped = trainer.set("a", Map.of("optimizer", "rmsprop", "lr", "0.001"));
        assertEquals(RunState.RUNNING, swapped.state());
        assertEquals("rmsprop", swapped.spec().get("optimizer"));
        for (Map<String, String> bad : List.of(Map.of("lr", "-1"), Map.of("optimizer", "nosuch"), Map.of("betas", "x"))) {
            assertThrows(RnnlabException.class, () -> trainer.set("a", bad));
            assertEquals("rmsprop", trainer.status("a").spec().get("optimizer"));
            assertEquals(RunState.RUNNING, trainer.status("a").state());
        }
        waitFor(() -> trainer.status("a").step() > 220); // training goes on with the new optimizer
        trainer.pause("a");
        // rmsprop at lr 0.001 moves each parameter by at most about 0.01 per step from fresh slots:
        // the loss stays near where adam left it rather than jumping.
        double after = trainer.evaluate("a").loss();
        assertTrue(after < before * 1.5 + 0.01, "before " + before + ", after " + after);
        trainer.stop("a");
    }

    @Test
    void aRunWaitsWhileAServiceItUsesIsGoneAndResumesWhenItReturns() throws InterruptedException {
        ClipNormRemedy replacement = new ClipNormRemedy();
        trainer.create("a", spec("remedies=clip-norm:max=1"));
        trainer.start("a", 1_000_000);
        trainer.removeRemedy(trainer.registry().remedies.get("clip-norm"));
        RunStatus waiting = trainer.status("a");
        assertEquals(RunState.WAITING, waiting.state());
        assertTrue(waiting.message().contains("remedy 'clip-norm' disappeared"), waiting.message());
        long step = waiting.step();

        trainer.addRemedy(replacement, null, Slice.named("clip-norm"));
        assertEquals(RunState.RUNNING, trainer.status("a").state());
        waitFor(() -> trainer.status("a").step() > step + 5);
        trainer.stop("a");
    }

    @Test
    void autoTakesTheFastestBackendPresent() {
        assertEquals("auto", trainer.create("a", spec("backend=auto")).spec().get("backend"));
        assertEquals("backend:java", trainer.run("a").betweenSteps(state -> state.uses().stream()
                .filter(u -> u.startsWith("backend:")).findFirst().orElseThrow()));
        org.rnnlab.api.backend.MatrixBackend fast = org.rnnlab.core.backend.JavaGemm.INSTANCE;
        trainer.addBackend(fast, null, Slice.named("native"));
        trainer.create("b", spec("backend=auto"));
        boolean usesNative = trainer.run("b").betweenSteps(state -> state.uses().contains("backend:native"));
        assertTrue(usesNative, "auto prefers native when it is present");
    }

    @Test
    void unknownNamesAndMisbehavingComponentsGiveOneLineErrors() {
        assertEquals("unknown cell 'nosuch'; accepted: esn, gru, lstm, mgu, mingru, rnn-relu, rnn-tanh",
                assertThrows(RnnlabException.class, () -> trainer.create("a", spec("cell=nosuch"))).getMessage());
        assertEquals("unknown key 'hiden': no run key (help rnn:train lists them) and no option of task adding "
                + "(its options: length)",
                assertThrows(RnnlabException.class, () -> trainer.create("a", spec("hiden=32"))).getMessage());
        assertEquals("unknown option 'hiden' for adding; accepted: length", assertThrows(RnnlabException.class,
                () -> trainer.create("a", spec("task.hiden=32"))).getMessage(), "asked of the task by name: its own line");
        CellType broken = spec -> {
            throw new IllegalStateException("boom\nsecond line");
        };
        trainer.addCell(broken, null, Slice.named("broken"));
        assertEquals("cell 'broken' failed: illegal state: boom",
                assertThrows(RnnlabException.class, () -> trainer.create("a", spec("cell=broken"))).getMessage());
        assertEquals("washout=10 does nothing on task adding, whose one target is at the last step; washout applies to "
                + "tasks with a target at every step",
                assertThrows(RnnlabException.class, () -> trainer.create("a", spec("washout=10"))).getMessage());
        assertEquals("bidirectional=true would read the answer: task mackey-glass predicts what comes next in its own "
                + "input; use bidirectional=false", assertThrows(RnnlabException.class,
                        () -> trainer.create("a", spec("task=mackey-glass", "bidirectional=true"))).getMessage());
        assertEquals(List.of(), trainer.runs());
        assertEquals("run name 'a b' is not accepted; expected letters, digits, '.', '_' or '-' (up to 64)",
                assertThrows(RnnlabException.class, () -> trainer.create("a b", spec())).getMessage());
    }

    @Test
    void anOptimizerThatThrowsFailsTheRunWithItsName() throws InterruptedException {
        Optimizer throwing = options -> new UpdateRule() {
            @Override
            public List<SlotSpec> slots() {
                return List.of();
            }

            @Override
            public double learningRate(long step) {
                return 0.1;
            }

            @Override
            public void apply(org.ejml.data.DMatrixRMaj param, org.ejml.data.DMatrixRMaj grad,
                    org.ejml.data.DMatrixRMaj[] slots, double lr) {
                throw new ArithmeticException("no update today");
            }
        };
        trainer.addOptimizer(throwing, null, Slice.named("throwing"));
        trainer.create("a", spec("optimizer=throwing"));
        trainer.start("a", 10);
        RunStatus failed = trainer.await("a", LONG);
        assertEquals(RunState.FAILED, failed.state());
        assertTrue(failed.message().startsWith("optimizer 'throwing' failed: arithmetic: no update today"), failed.message());
    }

    /** Exploding on purpose: without remedies a huge learning rate drives the loss to infinity. */
    @Test
    void aNonFiniteLossIsRefusedAndTheRunFailsWithAHint() throws InterruptedException {
        trainer.create("a", spec("optimizer=sgd", "lr=1e200"));
        trainer.start("a", 50);
        RunStatus failed = trainer.await("a", LONG);
        assertEquals(RunState.FAILED, failed.state());
        assertTrue(failed.message().contains("update was refused; try remedies=clip-norm:max=1"), failed.message());
        assertTrue(Double.isFinite(failed.loss()), "the status keeps the last good loss");
        for (Parameter p : trainer.run("a").betweenSteps(state -> state.network.parameters())) {
            for (double v : p.value().data) {
                assertTrue(Double.isFinite(v), "no non-finite value reached " + p.name());
            }
        }
    }

    @Test
    void listenersReceiveReportsAndEventsOfTheirRunOnly() throws InterruptedException {
        List<StepReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<RunEvent.Kind> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void step(StepReport report) {
                reports.add(report);
            }

            @Override
            public void event(RunEvent event) {
                events.add(event.kind());
            }
        };
        trainer.addListener(listener, Map.of(TrainingListener.RUN, "mine"));
        trainer.create("mine", spec("report=10"));
        trainer.create("other", spec());
        train("mine", 30);
        train("other", 30);
        assertEquals(List.of(10L, 20L, 30L), reports.stream().map(StepReport::step).toList());
        assertEquals(8, reports.get(0).hiddenGradientNorms().length, "one norm per time step");
        assertEquals(2, reports.get(0).layerGradientNorms().length, "one layer and the head");
        assertEquals(List.of(RunEvent.Kind.CREATED, RunEvent.Kind.STARTED, RunEvent.Kind.FINISHED), events);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(5);
        }
    }
}
