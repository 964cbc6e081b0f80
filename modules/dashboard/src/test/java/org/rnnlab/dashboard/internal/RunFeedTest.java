package org.rnnlab.dashboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;

class RunFeedTest {
    /** A trainer that knows one run, "r", paused. */
    private static final Trainer TRAINER = (Trainer) Proxy.newProxyInstance(Trainer.class.getClassLoader(),
            new Class<?>[] {Trainer.class}, (proxy, method, args) -> {
                if (method.getName().equals("status") && "r".equals(args[0])) {
                    return new RunStatus("r", RunState.PAUSED, Map.of("cell", "lstm"), 7, 100, 0.5, 0.5, "mse", 1, 0,
                            Map.of(), "paused by a person", 10);
                }
                throw new RnnlabException("no run named '" + args[0] + "'");
            });

    @Test
    void everySubscribedPageGetsEachReportAndStateChangeWithTheRunsNewRow() throws Exception {
        RunFeed feed = new RunFeed(TRAINER);
        try (Subscription a = feed.subscribe(); Subscription b = feed.subscribe()) {
            feed.step(new StepReport("r", 7, 0.5, 0.5, 1, new double[0], new double[] {0.1, 0.2}, 3, 30, Map.of()));
            feed.event(new RunEvent("r", RunEvent.Kind.PAUSED, "paused by a person"));
            for (Subscription s : new Subscription[] {a, b}) {
                String step = s.next(1, TimeUnit.SECONDS);
                assertTrue(step.startsWith("event: step\ndata: {\"run\":\"r\",\"step\":7,"), step);
                String change = s.next(1, TimeUnit.SECONDS);
                assertTrue(change.startsWith("event: run\ndata: {\"event\":{\"run\":\"r\",\"kind\":\"PAUSED\""), change);
                assertTrue(change.contains("\"run\":{\"name\":\"r\",\"state\":\"paused\""), change);
            }
        }
    }

    @Test
    void aRemovedRunsEventCarriesNoRowAndAClosedPageGetsNothing() throws Exception {
        RunFeed feed = new RunFeed(TRAINER);
        Subscription open = feed.subscribe();
        Subscription closed = feed.subscribe();
        closed.close();
        feed.event(new RunEvent("gone", RunEvent.Kind.REMOVED, "removed"));
        feed.event(new RunEvent("vanished", RunEvent.Kind.STOPPED, "stopped"));
        assertEquals("event: run\ndata: {\"event\":{\"run\":\"gone\",\"kind\":\"REMOVED\",\"message\":\"removed\"}}\n\n",
                open.next(1, TimeUnit.SECONDS));
        assertTrue(open.next(1, TimeUnit.SECONDS).contains("\"kind\":\"STOPPED\""), "a run gone meanwhile: no row, no failure");
        assertNull(closed.next(1, TimeUnit.MILLISECONDS));
        feed.closeAll();
        assertTrue(open.isClosed());
    }
}
