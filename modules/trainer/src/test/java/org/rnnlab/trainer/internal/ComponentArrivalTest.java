package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.testkit.DeclarativeComponents;

/**
 * What an embedding application meets: the Trainer before the components, a spec naming ones not
 * there yet, and a cell type that names its own default initializers.
 */
class ComponentArrivalTest {
    private static final Map<String, String> SPEC = Map.of("task", "adding", "length", "8", "cell", "lstm",
            "hidden", "4", "batch", "4", "eval", "16", "remedies", "clip-norm:max=1");

    private final TrainerService trainer = new TrainerService();

    @AfterEach
    void stop() {
        trainer.deactivate();
    }

    @Test
    void createNamesEveryMissingComponentInOneLine() {
        String message = assertThrows(RnnlabException.class, () -> trainer.create("a", SPEC)).getMessage();
        assertEquals(1, message.lines().count(), message);
        for (String missing : List.of("unknown task 'adding'", "unknown backend 'java'", "unknown cell 'lstm'",
                "unknown optimizer 'adam'", "unknown remedy 'clip-norm'", "unknown initializer 'orthogonal'")) {
            assertTrue(message.contains(missing + "; accepted: none installed"), message);
        }
    }

    @Test
    void awaitComponentsNamesWhatIsStillMissingWhenTheTimeRunsOut() throws InterruptedException {
        assertEquals(List.of("task 'adding'", "backend 'java'", "cell 'lstm'", "optimizer 'adam'", "remedy 'clip-norm'",
                "initializer 'xavier-uniform'", "initializer 'orthogonal'", "initializer 'zero'"),
                trainer.awaitComponents(SPEC, Duration.ZERO));
    }

    @Test
    void awaitComponentsReturnsOnceTheyHaveArrived() throws Exception {
        CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return trainer.awaitComponents(SPEC, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Slice.bindAll(trainer);
        assertEquals(List.of(), waiting.get(2, TimeUnit.MINUTES));
        assertEquals("READY", trainer.create("a", SPEC).state().name());
    }

    @Test
    void aCellTypeStartsItsParametersFromItsOwnInitializersUnlessTheRunNamesTheRole() {
        Slice.bindAll(trainer);
        CellType lstm = DeclarativeComponents.onClassPath().find(CellType.class, "lstm").orElseThrow();
        trainer.addCell(new CellType() {
            @Override
            public Cell create(CellSpec spec) {
                return lstm.create(spec);
            }

            @Override
            public Map<String, String> defaultInitializers() {
                return Map.of("weight_hh", "constant:value=0.25");
            }
        }, null, Slice.named("lstm-quarter"));

        trainer.create("own", Slice.spec(SPEC, "cell=lstm-quarter"));
        trainer.create("named", Slice.spec(SPEC, "cell=lstm-quarter", "init.recurrent=orthogonal"));
        trainer.create("plain", SPEC);

        assertTrue(Arrays.stream(parameter("own", "l0.weight_hh").data).allMatch(x -> x == 0.25));
        assertTrue(Arrays.equals(parameter("plain", "l0.weight_hh").data, parameter("named", "l0.weight_hh").data),
                "init.recurrent= wins over the cell's default");
        assertTrue(Arrays.equals(parameter("plain", "l0.weight_ih").data, parameter("own", "l0.weight_ih").data),
                "a parameter the cell does not name keeps the run's default for its role");
    }

    private DMatrixRMaj parameter(String run, String name) {
        return trainer.run(run).betweenSteps(state -> state.network.parameters().stream()
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow().value().copy());
    }
}
