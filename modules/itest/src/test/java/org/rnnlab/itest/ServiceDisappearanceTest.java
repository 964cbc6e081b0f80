package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * A component that disappears pauses the runs that use it (design principle 3) and they carry on
 * when it returns: here the bundle providing clip-norm is stopped and started under a live run.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ServiceDisappearanceTest {
    private static final String RUN = "survivor";
    private static final String REMEDY_BUNDLE = "org.rnnlab.remedy";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    Trainer trainer;

    @AfterEach
    void removeRun() {
        if (trainer.runs().stream().anyMatch(run -> run.name().equals(RUN))) {
            trainer.remove(RUN);
        }
    }

    @Test
    void runWaitsWhileItsRemedyIsGoneAndContinuesWhenItReturns() throws Exception {
        Bundle remedies = Arrays.stream(context.getBundles())
                .filter(bundle -> REMEDY_BUNDLE.equals(bundle.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError(REMEDY_BUNDLE + " is not installed"));
        // Far more steps than the test lets it take: the run is still training when the bundle stops.
        trainer.create(RUN, Map.of("task", "adding", "length", "10", "hidden", "8", "remedies", "clip-norm:max=1",
                "steps", "100000000", "report", "10", "seed", "2"));
        trainer.start(RUN, 0);
        Await.until("the run to train", SETTLE, () -> trainer.status(RUN),
                status -> status.state() == RunState.RUNNING && status.step() > 0);
        try {
            remedies.stop();

            RunStatus waiting = Await.until("the run to wait for clip-norm", SETTLE, () -> trainer.status(RUN),
                    status -> status.state() == RunState.WAITING);
            assertTrue(waiting.message().contains("clip-norm"), waiting.message());

            remedies.start();

            long stepWhenWaiting = waiting.step();
            RunStatus resumed = Await.until("the run to continue after step " + stepWhenWaiting, SETTLE,
                    () -> trainer.status(RUN),
                    status -> (status.state() == RunState.RUNNING || status.state() == RunState.FINISHED)
                            && status.step() > stepWhenWaiting);
            assertTrue(resumed.message().contains("clip-norm"), resumed.message());
            assertTrue(resumed.remedies().containsKey("clip-norm"), "remedies: " + resumed.remedies());
        } finally {
            // Later tests need the whole platform.
            if (remedies.getState() != Bundle.ACTIVE) {
                remedies.start();
            }
        }
    }
}
