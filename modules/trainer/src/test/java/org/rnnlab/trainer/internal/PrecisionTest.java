package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.RnnlabException;

/**
 * precision=single on a backend with float32 products ({@link FloatTripleLoop}, bound as
 * {@code floats}): close to float64, deterministic, resumable exactly, switchable live, and
 * refused in one line where the backend has no float32 products.
 */
class PrecisionTest {
    private static final Map<String, String> SPEC = Map.of("task", "text", "cell", "lstm", "hidden", "24",
            "batch", "8", "length", "16", "backend", "floats", "seed", "4", "report", "1", "eval", "16");
    private final TrainerService trainer = Slice.trainer();

    {
        trainer.addBackend(FloatTripleLoop.INSTANCE, null, Slice.named("floats"));
    }

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    @Test
    void singlePrecisionLossesStayCloseToFloat64() throws InterruptedException {
        List<Double> double64 = Slice.losses(trainer, "double");
        List<Double> single = Slice.losses(trainer, "single");
        trainer.create("double", SPEC);
        trainer.create("single", Slice.spec(SPEC, "precision=single"));
        Slice.train(trainer, "double", 200);
        Slice.train(trainer, "single", 200);
        assertNotEquals(double64, single, "the products were float32");
        for (int i = 0; i < 200; i++) {
            double relative = Math.abs(single.get(i) - double64.get(i)) / double64.get(i);
            assertTrue(relative < 1e-3, "step " + (i + 1) + ": " + single.get(i) + " against " + double64.get(i));
        }
        assertTrue(double64.get(199) < 0.8 * double64.get(0), "it learns: " + double64.get(0) + " -> " + double64.get(199));
    }

    @Test
    void singlePrecisionIsDeterministicAndResumesExactly(@TempDir Path folder) throws InterruptedException {
        Map<String, String> spec = Slice.spec(SPEC, "precision=single");
        List<Double> straight = Slice.losses(trainer, "straight");
        List<Double> resumed = Slice.losses(trainer, "resumed");
        trainer.create("straight", spec);
        Slice.train(trainer, "straight", 40);
        trainer.create("first", spec);
        Slice.train(trainer, "first", 15);
        trainer.load(trainer.save("first", folder.resolve("first.ckpt")), "resumed");
        Slice.train(trainer, "resumed", 25);
        assertEquals(straight.subList(15, 40), resumed);
        assertEquals(trainer.evaluate("straight").loss(), trainer.evaluate("resumed").loss(), 0.0);
    }

    @Test
    void precisionSwitchesOnALiveRunAndBack() throws InterruptedException {
        trainer.create("live", SPEC);
        Slice.train(trainer, "live", 10);
        assertEquals("single", trainer.set("live", Map.of("precision", "single")).spec().get("precision"));
        Slice.train(trainer, "live", 10);
        assertEquals("double", trainer.set("live", Map.of("precision", "double")).spec().get("precision"));
        Slice.train(trainer, "live", 10);
        assertEquals(30, trainer.status("live").step());
        assertTrue(Double.isFinite(trainer.status("live").loss()));
    }

    @Test
    void aBackendWithoutFloat32ProductsRefusesSinglePrecisionInOneLine() {
        RnnlabException refused = assertThrows(RnnlabException.class,
                () -> trainer.create("x", Slice.spec(SPEC, "backend=java", "precision=single")));
        assertEquals("precision=single needs float32 products, which backend java does not have; backends with them: "
                + "floats; or use precision=double", refused.getMessage());
        RnnlabException unknown = assertThrows(RnnlabException.class,
                () -> trainer.create("y", Slice.spec(SPEC, "precision=half")));
        assertEquals("run: precision=half is not accepted; expected one of double, single", unknown.getMessage());
    }
}
