package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.RunState;

/** Switching the backend of a live run changes speed, not results (issue 6's check, to 1e-9). */
class BackendSwitchTest {
    private static final int STEPS = 150;
    private final TrainerService trainer = Slice.trainer();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    @Test
    void aRunSwitchedFromJavaToEjmlMidwayLosesTheSameAsOneThatNeverSwitched() throws InterruptedException {
        Map<String, String> spec = Map.of("cell", "lstm", "length", "12", "hidden", "16", "batch", "8", "report", "1",
                "backend", "java", "seed", "3", "eval", "16");
        List<Double> straight = Slice.losses(trainer, "straight");
        List<Double> switched = Slice.losses(trainer, "switched");
        trainer.create("straight", spec);
        trainer.create("switched", spec);
        trainer.start("straight", STEPS);
        assertEquals(RunState.FINISHED, trainer.await("straight", Duration.ofMinutes(2)).state());

        trainer.start("switched", STEPS);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (trainer.status("switched").step() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals("ejml", trainer.set("switched", Map.of("backend", "ejml")).spec().get("backend"));
        assertEquals(RunState.FINISHED, trainer.await("switched", Duration.ofMinutes(2)).state());

        assertEquals(STEPS, straight.size());
        assertEquals(STEPS, switched.size());
        for (int i = 0; i < STEPS; i++) {
            double expected = straight.get(i);
            assertEquals(expected, switched.get(i), 1e-9 * Math.abs(expected), "step " + (i + 1));
        }
        assertEquals(STEPS, trainer.status("switched").step());
    }
}
