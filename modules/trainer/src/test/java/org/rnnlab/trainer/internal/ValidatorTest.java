package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;

/** Early stopping and the plateau schedule, on runs whose loss cannot improve (a learning rate of 1e-12). */
class ValidatorTest {
    private static final Duration LONG = Duration.ofMinutes(1);
    private final TrainerService trainer = Slice.trainer();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    private static Map<String, String> spec(String... pairs) {
        return Slice.spec(Map.of("length", "8", "hidden", "8", "batch", "4", "eval", "16", "optimizer", "sgd",
                "lr", "1e-12"), pairs);
    }

    /** eval.every=N evaluates held out, keeps the result in the run's history and reports it with the step. */
    @Test
    void evaluationsEveryNStepsAreKeptAndReported() throws Exception {
        var reports = Slice.reports(trainer, "h");
        trainer.create("h", spec("lr=0.01", "eval.every=5", "report=1000"));
        Slice.train(trainer, "h", 20);
        var history = trainer.history("h");
        assertEquals(java.util.List.of(5L, 10L, 15L, 20L), history.stream().map(e -> e.step()).toList());
        assertEquals(trainer.evaluate("h").loss(), history.get(3).loss(), 0.0, "the same held-out batches");
        assertEquals(java.util.List.of(5L, 10L, 15L, 20L), reports.stream().filter(r -> r.evaluation() != null)
                .map(r -> r.step()).toList());
        java.nio.file.Path file = java.nio.file.Files.createTempFile("history", ".ckpt");
        try {
            java.nio.file.Files.delete(file);
            trainer.load(trainer.save("h", file), "h2");
            assertEquals(history.stream().map(e -> e.loss()).toList(),
                    trainer.history("h2").stream().map(e -> e.loss()).toList(), "kept in the checkpoint");
            assertEquals("h2", trainer.history("h2").get(0).run());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /**
     * A run saved on its way to a target (as an autosave or a shutdown save keeps it) goes on with
     * its early-stopping count: saved at step 12 after one check without improvement, it stops at
     * step 15 as the run that was never saved does, not at 20.
     */
    @Test
    void aRecoveredRunGoesOnWithItsEarlyStoppingCount() throws Exception {
        String[] early = {"eval.every=5", "early-stop=patience=2:min_delta=0.001"};
        trainer.create("straight", spec(early));
        trainer.start("straight", 1000);
        RunStatus straight = trainer.await("straight", LONG);
        assertEquals(15, straight.step());

        trainer.create("first", spec(early));
        Slice.train(trainer, "first", 12);
        trainer.run("first").betweenSteps(state -> state.interruptedTarget = 1000); // as saved mid-way
        java.nio.file.Path file = java.nio.file.Files.createTempFile("midway", ".ckpt");
        try {
            java.nio.file.Files.delete(file);
            trainer.load(trainer.save("first", file), "resumed");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertEquals(1000, trainer.resume("resumed").targetStep());
        RunStatus resumed = trainer.await("resumed", LONG);
        assertEquals(RunState.FINISHED, resumed.state());
        assertEquals(straight.step(), resumed.step(), resumed.message());
        assertEquals(straight.message(), resumed.message());
    }

    @Test
    void aRunThatStopsImprovingStopsAfterPatienceChecks() throws InterruptedException {
        trainer.create("a", spec("eval.every=5", "early-stop=patience=2:min_delta=0.001"));
        trainer.start("a", 1000);
        RunStatus stopped = trainer.await("a", LONG);
        assertEquals(RunState.FINISHED, stopped.state());
        assertEquals(15, stopped.step(), "best at the check of step 5, then two checks without improvement");
        assertTrue(stopped.message().startsWith("stopped early at step 15: the held-out loss did not fall by more than"
                + " 0.001 in 2 checks, 5 steps apart; best "), stopped.message());
        assertTrue(stopped.message().endsWith(" at step 5"), stopped.message());
    }

    @Test
    void restoreBestPutsBackTheParametersOfTheBestCheck() throws InterruptedException {
        trainer.create("a", spec("lr=0.5", "eval.every=3", "early-stop=patience=3:restore=best:min_delta=0.05"));
        trainer.start("a", 3000);
        RunStatus stopped = trainer.await("a", LONG);
        assertTrue(stopped.message().contains("parameters restored from step"), stopped.message());
        double best = trainer.run("a").betweenSteps(state -> state.memory.get("early.best"));
        assertEquals(best, trainer.evaluate("a").loss(), 0.0, "the restored parameters evaluate to the best loss");
    }

    @Test
    void thePlateauScheduleLowersTheRateAfterPatienceChecks() throws InterruptedException {
        trainer.create("a", spec("eval.every=1", "schedule=plateau", "patience=2", "factor=0.5"));
        trainer.start("a", 4);
        trainer.await("a", LONG);
        assertEquals(0.5, trainer.run("a").betweenSteps(state -> state.learningRateFactor));
        trainer.start("a", 3);
        trainer.await("a", LONG);
        assertEquals(0.25, trainer.run("a").betweenSteps(state -> state.learningRateFactor));
    }

    @Test
    void thePlateauNeverGoesBelowMinLr() throws InterruptedException {
        trainer.create("a", spec("lr=0.01", "eval.every=1", "schedule=plateau", "patience=0", "factor=0.1", "min_lr=0.005",
                "length=2", "hidden=2"));
        trainer.start("a", 6);
        trainer.await("a", LONG);
        double rate = trainer.run("a").betweenSteps(TrainingState::learningRate);
        assertTrue(rate >= 0.005 - 1e-15, "rate " + rate);
    }

    @Test
    void badOptionsGetOneLineErrors() {
        assertEquals("early-stop: patience=0 is not accepted; expected an integer >= 1",
                assertThrows(RnnlabException.class, () -> trainer.create("a", spec("early-stop=patience=0"))).getMessage());
        assertEquals("unknown option 'wait' for early-stop; accepted: min_delta, monitor, patience, restore",
                assertThrows(RnnlabException.class, () -> trainer.create("a", spec("early-stop=wait=3"))).getMessage());
        assertEquals("factor only apply with schedule=plateau",
                assertThrows(RnnlabException.class, () -> trainer.create("a", spec("factor=0.5"))).getMessage());
        assertEquals("schedule=plateau: factor=2 is not accepted; expected a number in (0, 1)",
                assertThrows(RnnlabException.class, () -> trainer.create("a",
                        spec("schedule=plateau", "factor=2"))).getMessage());
    }
}
