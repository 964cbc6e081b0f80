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
        // Three chunks, however long the scheduler makes them take (on one core, or with the
        // other tests' forks busy, each hand-off may wait for a time slice); the budget only bounds it.
        OptionalDouble nanos = CoreRoundTrip.nanos(20_000_000_000L, 3);
        assertTrue(nanos.isPresent(), "three chunks of round trips done");
        assertTrue(nanos.getAsDouble() > 0 && Double.isFinite(nanos.getAsDouble()), "a duration: " + nanos);
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
