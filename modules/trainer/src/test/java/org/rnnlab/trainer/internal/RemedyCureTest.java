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
        Map<String, String> spec = new LinkedHashMap<>(Map.of("length", "20", "hidden", "32",
                "init.recurrent", "spectral:radius=1.5", "optimizer", "sgd", "lr", "0.1", "seed", "1", "eval", "256"));
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
    }

    @Test
    void theGuardPausesTheExplodingRunInstead() throws InterruptedException {
        RunStatus guarded = train("guarded", "nonfinite-guard");
        assertEquals(RunState.PAUSED, guarded.state(), guarded.message());
        assertTrue(guarded.message().startsWith("nonfinite-guard: 5 steps in a row"), guarded.message());
        assertEquals(5.0, guarded.remedies().get("nonfinite-guard").get("consecutive"));
        assertFinite("guarded");
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
        for (Parameter p : trainer.run(run).betweenSteps(state -> state.network().parameters())) {
            for (double v : p.value().data) {
                assertTrue(Double.isFinite(v), p.name());
            }
        }
    }
}
