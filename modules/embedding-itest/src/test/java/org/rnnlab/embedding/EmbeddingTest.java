package org.rnnlab.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * An application embedding rnnlab, as a bundle: it installs only what training needs (see
 * embedded.bnd) into a framework with SCR, waits for the components its run names, trains and
 * evaluates through the Trainer service. Runs once in Apache Felix and once in Eclipse Equinox.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class EmbeddingTest {
    private static final Map<String, String> SPEC = Map.of("task", "adding", "length", "10", "cell", "lstm",
            "hidden", "8", "batch", "8", "steps", "60", "eval", "64", "seed", "1");

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    Trainer trainer;

    @AfterEach
    void removeRuns() {
        trainer.runs().forEach(run -> trainer.remove(run.name()));
    }

    @Test
    void runsOnTheExpectedFrameworkWithoutShellFileInstallOrConfigAdmin() {
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        assertEquals(context.getProperty("rnnlab.expected.framework"), framework.getSymbolicName());
        List<String> installed = Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName).toList();
        for (String unneeded : List.of("org.apache.felix.gogo.runtime", "org.apache.felix.fileinstall",
                "org.apache.felix.configadmin", "org.rnnlab.shell", "org.rnnlab.dashboard", "org.rnnlab.backend-blas")) {
            assertTrue(!installed.contains(unneeded), unneeded + " is installed: " + installed);
        }
    }

    @Test
    void waitsForTheComponentsThenTrainsAndEvaluates() throws InterruptedException {
        assertEquals(List.of(), trainer.awaitComponents(SPEC, Duration.ofMinutes(1)));
        trainer.create("embedded", SPEC);
        trainer.start("embedded", 0);
        RunStatus finished = trainer.await("embedded", Duration.ofMinutes(2));
        assertEquals(RunState.FINISHED, finished.state(), finished.message());
        assertEquals(60, finished.step());
        Evaluation evaluation = trainer.evaluate("embedded");
        assertTrue(Double.isFinite(evaluation.loss()) && Double.isFinite(evaluation.metric()), evaluation.toString());
    }

    @Test
    void checkpointsGoUnderRnnlabHome() throws InterruptedException {
        assertEquals(List.of(), trainer.awaitComponents(SPEC, Duration.ofMinutes(1)));
        trainer.create("homed", SPEC);
        Path written = trainer.save("homed", null);
        Path home = Path.of(context.getProperty("rnnlab.home")).toAbsolutePath().normalize();
        assertTrue(written.toAbsolutePath().normalize().startsWith(home.resolve("runs")), written + " not under " + home);
        assertTrue(Files.isRegularFile(written), written.toString());
    }

    @Test
    void aComponentNoBundleProvidesIsNamedByCreateAndAwaitComponents() throws InterruptedException {
        Map<String, String> spec = new java.util.HashMap<>(SPEC);
        spec.put("cell", "indrnn");
        assertEquals(List.of("cell 'indrnn'"), trainer.awaitComponents(spec, Duration.ZERO));
        String message = assertThrows(RnnlabException.class, () -> trainer.create("missing", spec)).getMessage();
        assertTrue(message.startsWith("unknown cell 'indrnn'; accepted: esn, gru, lstm"), message);
    }
}
