package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CoreRoundTripTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void twoThreadsHandTheCounterBackAndForthAndTheMedianChunkIsReported() throws InterruptedException {
        OptionalDouble nanos = CoreRoundTrip.nanos(100_000_000L);
        // On one core each hand-off waits for a time slice, and no chunk may finish in time.
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertTrue(nanos.isPresent(), "a chunk of round trips done in 100 ms on two cores");
            assertTrue(nanos.getAsDouble() > 0 && Double.isFinite(nanos.getAsDouble()), "a duration: " + nanos);
        }
        assertTrue(partnerEnds(), "the partner thread ends with the measurement");
    }

    @Test
    void withNoTimeNothingIsMeasured() throws InterruptedException {
        assertFalse(CoreRoundTrip.nanos(0).isPresent());
        assertTrue(partnerEnds(), "the partner thread ends with the measurement");
    }

    private static boolean partnerEnds() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(thread -> thread.getName().equals("rnnlab-core-round-trip"))) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
