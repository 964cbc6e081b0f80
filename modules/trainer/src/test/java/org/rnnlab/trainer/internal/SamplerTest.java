package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.core.random.Xoshiro256;

class SamplerTest {
    private static final Map<String, String> TEXT = Map.of("task", "text", "length", "16", "cell", "lstm", "hidden",
            "16", "batch", "8", "lr", "0.01", "report", "1", "seed", "2", "eval", "16");
    private final TrainerService trainer = Slice.trainer();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    @Test
    void samplesAreTextOfTheTasksCharactersAndTheSeedDecidesThem() throws InterruptedException {
        trainer.create("s", TEXT);
        trainer.start("s", 30);
        assertEquals(30, trainer.await("s", Duration.ofMinutes(1)).step());

        String text = trainer.sample("s", "the ", 300, 1.0, 7);
        assertEquals(300, text.length());
        String again = trainer.sample("s", "the ", 300, 1.0, 7);
        assertEquals(text, again);
        assertNotEquals(text, trainer.sample("s", "the ", 300, 1.0, 8));
        String other = trainer.sample("s", "", 50, 0.5, 7);
        assertEquals(50, other.length());
    }

    /** Sampling reads the model in its own workspace: the run trains on exactly as it would have. */
    @Test
    void samplingBetweenStepsChangesNothingInTheRun() throws InterruptedException {
        List<Double> straight = Slice.losses(trainer, "straight");
        List<Double> sampled = Slice.losses(trainer, "sampled");
        trainer.create("straight", TEXT);
        trainer.create("sampled", TEXT);
        trainer.start("straight", 20);
        trainer.await("straight", Duration.ofMinutes(1));
        trainer.start("sampled", 10);
        trainer.await("sampled", Duration.ofMinutes(1));
        trainer.sample("sampled", "a", 100, 1.0, 3);
        trainer.start("sampled", 10);
        trainer.await("sampled", Duration.ofMinutes(1));
        assertEquals(straight, sampled);
    }

    /**
     * On a backend that lays the parameters out (the native one with AVX-512), sampling lays them
     * out once per call, not once per symbol, and from the parameters of the last update: the
     * text is the java backend's, after more training between two samples too.
     */
    @Test
    void onABackendThatLaysOutSamplingLaysTheWeightsOutOnceAndSeesEveryUpdate() throws InterruptedException {
        SnapshotBackend laying = new SnapshotBackend();
        trainer.addBackend(laying, null, Slice.named("snapshot"));
        trainer.create("java", Slice.spec(TEXT, "backend=java"));
        trainer.create("laid", Slice.spec(TEXT, "backend=snapshot"));
        for (int round = 1; round <= 2; round++) {
            for (String run : List.of("java", "laid")) {
                trainer.start(run, 10);
                assertEquals(10 * round, trainer.await(run, Duration.ofMinutes(1)).step());
            }
            int before = laying.made.size();
            String text = trainer.sample("laid", "the ", 200, 1.0, 7);
            int layouts = laying.made.size() - before;
            assertEquals(trainer.sample("java", "the ", 200, 1.0, 7), text, "after " + 10 * round + " steps");
            assertTrue(layouts > 0 && layouts <= 3, layouts + " layouts for 204 symbols (W_hh, the head)");
        }
    }

    @Test
    void drawFollowsTheSoftmaxAndALowTemperaturePicksTheLargestLogit() {
        double[] logits = {0.0, Math.log(3), Math.log(6)};
        int[] counts = new int[3];
        Xoshiro256 rng = new Xoshiro256(5);
        for (int i = 0; i < 100_000; i++) {
            counts[Sampler.draw(logits, 1.0, rng)]++;
        }
        assertEquals(0.1, counts[0] / 100_000.0, 0.005);
        assertEquals(0.3, counts[1] / 100_000.0, 0.005);
        assertEquals(0.6, counts[2] / 100_000.0, 0.005);
        for (int i = 0; i < 1000; i++) {
            assertEquals(2, Sampler.draw(logits, 1e-3, rng));
        }
    }

    @Test
    void thePrimeIsReadSymbolBySymbolPreferringTheLongest() {
        assertEquals(List.of(1, 0, 2), Sampler.encode("abca", List.of("c", "ab", "a"), "t"));
        assertEquals("prime: 'z' (position 1) is not a symbol of task t, which has 3",
                assertThrows(RnnlabException.class, () -> Sampler.encode("az", List.of("c", "ab", "a"), "t")).getMessage());
    }

    @Test
    void whatCannotGenerateSaysWhy() {
        trainer.create("adding", Map.of("task", "adding", "length", "5"));
        assertEquals("task adding does not predict its next input symbol; sampling needs a task such as text",
                assertThrows(RnnlabException.class, () -> trainer.sample("adding", "", 10, 1, 1)).getMessage());
        assertEquals("bidirectional=true would read the answer: task text predicts what comes next in its own input; "
                + "use bidirectional=false", assertThrows(RnnlabException.class, () -> trainer.create("both",
                        Map.of("task", "text", "length", "8", "hidden", "4", "bidirectional", "true"))).getMessage());
        trainer.create("t", Map.of("task", "text", "length", "8", "hidden", "4"));
        assertTrue(assertThrows(RnnlabException.class, () -> trainer.sample("t", "", 10, 0, 1)).getMessage()
                .startsWith("temperature=0.0 is not accepted"));
        assertTrue(assertThrows(RnnlabException.class, () -> trainer.sample("t", "", 0, 1, 1)).getMessage()
                .startsWith("length=0 is not accepted"));
        assertEquals(RunState.READY, trainer.status("t").state());
    }
}
