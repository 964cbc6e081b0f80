package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;

/**
 * Containment (DESIGN): whatever a component throws, an {@code Error} included, fails only the
 * run that called it, within the step, with one line naming the component and no Java class
 * name; the run beside it trains on; {@code Trainer} methods never hand the raw exception to the
 * caller.
 */
class ContainmentTest {
    private static final Duration LONG = Duration.ofMinutes(1);
    private static final Map<String, String> SPEC = Map.of("task", "adding", "length", "8", "hidden", "8", "seed", "1");
    private final TrainerService trainer = Slice.trainer();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    /** rnn-tanh, except that forward throws what {@code failure} makes from the {@code after}-th call on. */
    private CellType failing(int after, Supplier<Throwable> failure) {
        CellType real = trainer.registry().cells.get("rnn-tanh");
        AtomicInteger forwards = new AtomicInteger();
        return spec -> {
            Cell cell = real.create(spec);
            return (Cell) Proxy.newProxyInstance(Cell.class.getClassLoader(), new Class<?>[] {Cell.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("forward") && forwards.incrementAndGet() >= after) {
                            throw failure.get();
                        }
                        try {
                            return method.invoke(cell, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
    }

    private Map<String, String> spec(String cell) {
        Map<String, String> spec = new java.util.HashMap<>(SPEC);
        spec.put("cell", cell);
        return spec;
    }

    @Test
    void aCellThrowingAnAssertionErrorFailsOnlyItsRunWithinOneStep() throws InterruptedException {
        trainer.addCell(failing(3, () -> new AssertionError("invariant broken")), null,
                Map.of("rnnlab.name", "asserting", "service.id", 900L));
        trainer.create("bad", spec("asserting"));
        trainer.create("good", spec("rnn-tanh"));
        trainer.start("good", 300);
        trainer.start("bad", 1_000_000);

        long before = System.nanoTime();
        RunStatus bad = trainer.await("bad", LONG);
        assertTrue(System.nanoTime() - before < LONG.toNanos() / 2, "await returned as the run failed");
        assertEquals(RunState.FAILED, bad.state());
        assertEquals(2, bad.step(), "failed in the step that threw");
        assertTrue(bad.message().startsWith("cell 'asserting' failed: assertion: invariant broken"), bad.message());
        assertFalse(bad.message().contains("Error"), "no Java class name: " + bad.message());
        assertFalse(bad.message().contains("\n"));

        RunStatus good = trainer.await("good", LONG);
        assertEquals(RunState.FINISHED, good.state(), good.message());
        assertEquals(300, good.step());
    }

    @Test
    void aStackOverflowAndAnExceptionWithoutMessageAreNamedToo() throws InterruptedException {
        trainer.addCell(failing(1, StackOverflowError::new), null, Map.of("rnnlab.name", "deep", "service.id", 901L));
        trainer.addCell(failing(1, NullPointerException::new), null, Map.of("rnnlab.name", "nullish", "service.id", 902L));
        trainer.create("deep", spec("deep"));
        trainer.start("deep", 10);
        assertEquals("cell 'deep' failed: stack overflow (step 0; parameters are those of the last good step)",
                trainer.await("deep", LONG).message());
        trainer.create("nullish", spec("nullish"));
        trainer.start("nullish", 10);
        assertTrue(trainer.await("nullish", LONG).message().startsWith("cell 'nullish' failed: null pointer"));
    }

    @Test
    void evaluateAndSampleNameTheComponentInsteadOfThrowingItsException() {
        trainer.addCell(failing(1, () -> new IllegalStateException("no forward today")), null,
                Map.of("rnnlab.name", "broken", "service.id", 903L));
        trainer.create("e", spec("broken"));
        RnnlabException e = assertThrows(RnnlabException.class, () -> trainer.evaluate("e"));
        assertEquals("cell 'broken' failed: illegal state: no forward today", e.getMessage());
        Map<String, String> text = spec("broken");
        text.put("task", "text");
        text.remove("length");
        trainer.create("s", text);
        assertEquals("cell 'broken' failed: illegal state: no forward today",
                assertThrows(RnnlabException.class, () -> trainer.sample("s", "", 5, 1, 1)).getMessage());
    }

    @Test
    void componentsAreNamedWithTheirBundleWhenTheyHaveOne() {
        Catalog<String> catalog = new Catalog<>("cell");
        catalog.add("x", Map.of("rnnlab.name", "indrnn"), "org.example.indrnn 1.0.0");
        assertEquals("cell 'indrnn' (org.example.indrnn 1.0.0)", catalog.label("indrnn"));
    }
}
