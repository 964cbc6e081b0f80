package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.MemoryCapacity;
import org.rnnlab.trainer.internal.model.Parameter;

/** Memory capacity (Jaeger 2002) in cases whose answer is known. */
class MemoryProbeTest {
    private final TrainerService trainer = Slice.trainer();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    /**
     * A shift register: the input enters unit 0 scaled by 1e-4 (tanh is then linear to 1e-8) and
     * unit j+1 copies unit j, so unit j holds u_{t−j}: delays 1..N−1 are recalled perfectly and
     * nothing beyond, MC = N − 1.
     */
    @Test
    void aShiftRegisterOfNUnitsRecallsExactlyItsNMinusOneDelays() {
        int n = 8;
        trainer.create("shift", Map.of("task", "mackey-glass", "length", "10", "cell", "rnn-tanh", "hidden",
                String.valueOf(n), "seed", "3"));
        trainer.run("shift").betweenSteps(state -> {
            for (Parameter p : state.network.parameters()) {
                p.value().zero();
                if (p.name().equals("l0.weight_ih")) {
                    p.value().set(0, 0, 1e-4);
                } else if (p.name().equals("l0.weight_hh")) {
                    for (int j = 0; j + 1 < n; j++) {
                        p.value().set(j + 1, j, 1);
                    }
                }
            }
            return null;
        });
        MemoryCapacity mc = trainer.memoryCapacity("shift", 2 * n);
        assertEquals(n, mc.units());
        for (int k = 1; k <= 2 * n; k++) {
            assertEquals(k < n ? 1.0 : 0.0, mc.perDelay()[k - 1], 1e-3, "delay " + k);
        }
        assertEquals(n - 1, mc.total(), 0.02);
    }

    /**
     * A linear network of N units with an orthogonal recurrent matrix scaled to 0.9 (every
     * eigenvalue on the circle of radius 0.9, so no direction forgets faster than another, and all
     * of it within the 3N delays measured), driven in tanh's linear range (input weights of 1e-4),
     * remembers close to N past inputs (16.6 of 20 measured: finite data and the ridge cost the
     * rest), and never more (Jaeger 2002, propositions 1 and 2). A random reservoir's spectrum
     * fills the disc and remembers far less (about 8 of 20 measured), which is why the settings
     * matter.
     */
    @Test
    void aLinearOrthogonalNetworkRemembersCloseToItsSizeAndNeverMore() {
        int n = 20;
        trainer.create("linear", Map.of("task", "mackey-glass", "length", "10", "cell", "rnn-tanh", "hidden",
                String.valueOf(n), "init.recurrent", "orthogonal:gain=0.9", "init.input", "uniform:bound=1e-4",
                "seed", "5"));
        MemoryCapacity mc = trainer.memoryCapacity("linear", 3 * n);
        assertTrue(mc.total() <= n, "never above N: " + mc.total());
        assertTrue(mc.total() > 0.8 * n, "close to N: " + mc.total() + " " + java.util.Arrays.toString(mc.perDelay()));
        assertTrue(mc.perDelay()[0] > 0.95, "the last input is recalled: " + mc.perDelay()[0]);
    }

    @Test
    void theRunDoesNotChange() throws Exception {
        trainer.create("a", Map.of("length", "6", "hidden", "4"));
        byte[] before = Checkpoint.encode(trainer.run("a").snapshot());
        trainer.memoryCapacity("a", 5);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Checkpoint.encode(trainer.run("a").snapshot()));
    }
}
