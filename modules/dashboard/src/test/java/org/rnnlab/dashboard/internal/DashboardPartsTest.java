package org.rnnlab.dashboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;

class DashboardPartsTest {
    @Test
    void hostNamesAreTakenWithoutPortAndCase() {
        assertEquals("127.0.0.1", RequestGuard.hostName("127.0.0.1:8765"));
        assertEquals("localhost", RequestGuard.hostName("LocalHost"));
        assertEquals("[::1]", RequestGuard.hostName("[::1]:8765"));
        assertEquals("attacker.example", RequestGuard.hostName("attacker.example:8765"));
        assertNull(RequestGuard.hostName(" "));
        assertNull(RequestGuard.hostName("[::1"));
    }

    @Test
    void aPageThatFallsBehindIsToldToResyncAndGetsWhatFollows() throws Exception {
        Subscription s = new Subscription(gone -> { });
        for (int i = 0; i < Subscription.BACKLOG + 10; i++) {
            s.offer(Subscription.frame("step", "{\"step\":" + i + "}"));
        }
        assertEquals(Subscription.RESYNC, s.next(1, TimeUnit.MILLISECONDS));
        assertNull(s.next(1, TimeUnit.MILLISECONDS), "what was queued is dropped: the history replaces it");
        s.offer(Subscription.frame("step", "{}"));
        assertEquals("event: step\ndata: {}\n\n", s.next(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void closingWakesTheWaitingRequestAndUnsubscribesOnce() throws Exception {
        AtomicInteger unsubscribed = new AtomicInteger();
        Subscription s = new Subscription(gone -> unsubscribed.incrementAndGet());
        Thread closer = new Thread(() -> {
            sleep(50);
            s.close();
        });
        closer.start();
        assertNull(s.next(30, TimeUnit.SECONDS));
        assertTrue(s.isClosed());
        s.close();
        closer.join();
        assertEquals(1, unsubscribed.get());
        s.offer("ignored after close");
        assertNull(s.next(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void notANumberTravelsAsAStringTheBrowserTurnsBack() {
        StepReport report = new StepReport("r", 3, Double.NaN, Double.POSITIVE_INFINITY, 1.5, new double[] {1, Double.NaN},
                new double[0], 10, 100, Map.of());
        String json = Json.write(report);
        assertTrue(json.contains("\"loss\":\"NaN\""), json);
        assertTrue(json.contains("\"metric\":\"Infinity\""), json);
        assertTrue(json.contains("\"layerGradientNorms\":[1.0,\"NaN\"]"), json);
        assertEquals("{\"error\":\"why \\\"quoted\\\"\"}", Json.error("why \"quoted\""));
    }

    @Test
    void theRowsEtaIsTheStepsLeftAtTheMeasuredSpeedOnlyWhileTraining() {
        RunRow running = RunRow.of(status(RunState.RUNNING, 100, 1100, 50));
        assertEquals(20.0, running.etaSeconds());
        assertEquals("running", running.state());
        assertTrue(Double.isNaN(RunRow.of(status(RunState.PAUSED, 100, 1100, 50)).etaSeconds()));
        assertTrue(Double.isNaN(RunRow.of(status(RunState.RUNNING, 100, 1100, 0)).etaSeconds()));
    }

    @Test
    void anExperimentsColumnsAreTheKeysItsRunsDifferIn() {
        RunStatus a = withSpec("e-1", Map.of("cell", "lstm", "lr", "0.01", "seed", "1"));
        RunStatus b = withSpec("e-2", Map.of("cell", "gru", "lr", "0.01", "seed", "1"));
        RunStatus c = withSpec("e-3", Map.of("cell", "gru", "lr", "0.01"));
        assertEquals(List.of("cell"), Experiments.varied(List.of(a, b)));
        assertEquals(List.of("cell", "seed"), Experiments.varied(List.of(a, b, c)).stream().sorted().toList());
    }

    @Test
    void theServersAddressesAreReadInEveryShapeTheEndpointPropertyTakes() {
        assertEquals(List.of("http://127.0.0.1:8765/"), DashboardCommand.endpoints("http://127.0.0.1:8765/"));
        assertEquals(List.of("a", "b"), DashboardCommand.endpoints(new String[] {"a", "b"}));
        assertEquals(List.of("a"), DashboardCommand.endpoints(List.of("a")));
        assertEquals(List.of(), DashboardCommand.endpoints(null));
    }

    private static RunStatus status(RunState state, long step, long target, double speed) {
        return new RunStatus("r", state, Map.of(), step, target, 0.5, 0.5, "mse", 1, speed, Map.of(), "", 10);
    }

    private static RunStatus withSpec(String name, Map<String, String> spec) {
        return new RunStatus(name, RunState.FINISHED, spec, 10, 10, 0.5, 0.5, "mse", 1, 0, Map.of(), "", 10);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
