package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.trainer.internal.model.Parameter;

/**
 * The cure, deterministically: a tanh RNN with recurrent spectral radius 1.5 trained by plain
 * SGD at lr 0.1 explodes (Pascanu et al. 2013); the guard stops it, and clipping the global
 * gradient norm lets the same run train (README, "Exploding gradients").
 */
class RemedyCureTest {
    private static final Duration LONG = Duration.ofMinutes(2);
    private final TrainerService trainer = Slice.trainer();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    private RunStatus train(String name, String remedies) throws InterruptedException {
        return train(name, remedies, "0.1");
    }

    private RunStatus train(String name, String remedies, String lr) throws InterruptedException {
        Map<String, String> spec = new LinkedHashMap<>(Map.of("length", "20", "hidden", "32",
                "init.recurrent", "spectral:radius=1.5", "optimizer", "sgd", "lr", lr, "seed", "1", "eval", "256"));
        spec.put("remedies", remedies);
        trainer.create(name, spec);
        trainer.start(name, 600);
        return trainer.await(name, LONG);
    }

    @Test
    void withoutRemediesTheRunExplodesAndFailsKeepingFiniteParameters() throws InterruptedException {
        RunStatus exploded = train("boom", "");
        assertEquals(RunState.FAILED, exploded.state());
        assertTrue(exploded.message().contains("became Infinity") || exploded.message().contains("became NaN"),
                exploded.message());
        assertFinite("boom");
        assertEquals(exploded.step() + 1000, trainer.start("boom", 0).targetStep(),
                "a failed run starts afresh: the spec's steps, not the rest of the failed start");
    }

    /**
     * The guard rolls back to the newest rollback point that still evaluates finite (the step
     * before the explosion may hold weights of 1e152), pauses there, and a resume trains on.
     */
    @Test
    void theGuardRollsBackToAFinitePointPausesAndResumesTraining() throws InterruptedException {
        RunStatus guarded = train("guarded", "nonfinite-guard");
        assertEquals(RunState.PAUSED, guarded.state(), guarded.message());
        assertTrue(guarded.message().startsWith("nonfinite-guard: 5 steps in a row"), guarded.message());
        assertTrue(guarded.message().contains("; rolled back to the parameters and optimizer state of step"), guarded.message());
        assertEquals(1.0, guarded.remedies().get("nonfinite-guard").get("rollbacks"));
        assertFinite("guarded");
        assertTrue(Double.isFinite(trainer.evaluate("guarded").loss()), "the kept weights evaluate finite");

        long pausedAt = guarded.step();
        trainer.resume("guarded");
        waitUntil(() -> trainer.status("guarded").step() >= pausedAt + 20 || trainer.status("guarded").state() != RunState.RUNNING);
        assertTrue(trainer.status("guarded").step() > pausedAt, "a resumed run trains again: " + trainer.status("guarded"));
        trainer.stop("guarded");
    }

    /** With backoff the guard rolls back, lowers the rate and trains on by itself, to a finite end. */
    @Test
    void withBackoffTheGuardCuresTheRunByItself() throws InterruptedException {
        RunStatus cured = train("backoff", "nonfinite-guard:backoff=0.5");
        assertEquals(RunState.FINISHED, cured.state(), cured.message());
        assertTrue(cured.remedies().get("nonfinite-guard").get("rollbacks") >= 1, cured.remedies().toString());
        assertTrue(Double.isFinite(trainer.evaluate("backoff").loss()));
        assertFinite("backoff");
    }

    /**
     * A rate that explodes at the first update: only the parameters from before it evaluate
     * finite and sane, and the guard returns to them; with backoff, as often as it must, and the
     * run ends with finite parameters. (The guard watches for non-finite values only: at this
     * rate the weights still grow huge but finite, which clipping cures, not the guard.)
     */
    @Test
    void aRunThatExplodesAtOnceReturnsToItsInitialParameters() throws InterruptedException {
        RunStatus guarded = train("at-once", "nonfinite-guard", "1e300");
        assertEquals(RunState.PAUSED, guarded.state(), guarded.message());
        assertTrue(guarded.message().contains("; rolled back to the parameters and optimizer state of step 0 "),
                guarded.message());
        assertTrue(trainer.evaluate("at-once").loss() < 1, "the initial parameters evaluate sane");

        RunStatus backedOff = train("at-once-backoff", "nonfinite-guard:backoff=0.5", "1000");
        assertEquals(RunState.FINISHED, backedOff.state(), backedOff.message());
        assertTrue(backedOff.remedies().get("nonfinite-guard").get("rollbacks") >= 2, backedOff.remedies().toString());
        assertTrue(Double.isFinite(backedOff.loss()), backedOff.toString());
        assertTrue(Double.isFinite(trainer.evaluate("at-once-backoff").loss()));
        assertFinite("at-once-backoff");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void clippingTheGlobalNormLetsTheSameRunTrain() throws InterruptedException {
        RunStatus cured = train("cured", "clip-norm:max=1");
        assertEquals(RunState.FINISHED, cured.state(), cured.message());
        assertEquals(600, cured.step());
        assertTrue(Double.isFinite(cured.loss()));
        assertTrue(trainer.evaluate("cured").loss() < 0.5, "the clipped run keeps a sane loss");
        assertFinite("cured");
    }

    private void assertFinite(String run) {
        for (Parameter p : trainer.run(run).betweenSteps(state -> state.network.parameters())) {
            for (double v : p.value().data) {
                assertTrue(Double.isFinite(v), p.name());
            }
        }
    }
}
