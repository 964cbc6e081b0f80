package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.Components;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * A third-party bundle dropped into a watched folder becomes a usable component without a
 * restart, and leaves when its jar is deleted. The folder is watched by a FileInstall factory
 * configuration made through ConfigurationAdmin, as an administrator would add a drop-in folder.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class DropInTest {
    private static final String EXAMPLE_BUNDLE = "org.example.rnnlab.truncated-normal";
    private static final String EXAMPLE_FILTER = "(" + Components.NAME + "=truncated-normal)";
    private static final String RUN = "dropin";
    private static final Duration FILEINSTALL = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    Trainer trainer;

    @InjectService(timeout = 30_000)
    ConfigurationAdmin configurationAdmin;

    @TempDir
    Path temp;

    private Path dropIn;
    private Configuration watcher;

    @BeforeEach
    void watchADropInFolder() throws IOException {
        dropIn = Files.createDirectory(temp.resolve("drop-in"));
        watcher = WatchedFolder.watch(configurationAdmin, dropIn);
    }

    @AfterEach
    void cleanUp() throws IOException, BundleException {
        if (trainer.runs().stream().anyMatch(run -> run.name().equals(RUN))) {
            trainer.remove(RUN);
        }
        if (watcher == null) {
            return;
        }
        Files.deleteIfExists(dropIn.resolve("truncated-normal.jar"));
        // Normally FileInstall has uninstalled it already; after a failure, make sure.
        Optional<Bundle> left = exampleBundle();
        if (left.isPresent()) {
            left.get().uninstall();
        }
        watcher.delete();
    }

    @Test
    void droppedBundleBecomesAComponentAndLeavesWithItsJar() throws Exception {
        Path exampleJar = Path.of(context.getProperty("rnnlab.example.jar"));
        assertTrue(Files.isRegularFile(exampleJar), "example bundle missing: " + exampleJar);

        // Copy beside the folder, then move in at once: FileInstall never sees half a jar.
        Path staged = Files.copy(exampleJar, temp.resolve("truncated-normal.jar"));
        Files.move(staged, dropIn.resolve("truncated-normal.jar"), StandardCopyOption.ATOMIC_MOVE);

        ServiceReference<?> initializer = Await.service(context, Initializer.class, EXAMPLE_FILTER, FILEINSTALL);
        assertEquals(EXAMPLE_BUNDLE, initializer.getBundle().getSymbolicName());
        assertTrue(initializer.getBundle().getLocation().contains(dropIn.getFileName().toString()),
                "installed from " + initializer.getBundle().getLocation());

        // Service listeners run in no fixed order: the trainer may bind the service a moment later.
        Await.untilAccepted("the trainer to accept init.input=truncated-normal", FILEINSTALL,
                "unknown initializer 'truncated-normal'", () -> trainer.create(RUN, Map.of("task", "adding",
                        "length", "5", "hidden", "8", "steps", "20", "init.input", "truncated-normal", "seed", "7")));
        trainer.start(RUN, 0);
        RunStatus finished = trainer.await(RUN, Duration.ofMinutes(1));
        assertEquals(RunState.FINISHED, finished.state(), finished.message());
        assertEquals(20, finished.step());
        assertEquals("truncated-normal", finished.spec().get("init.input"));
        assertTrue(Double.isFinite(finished.loss()), "loss " + finished.loss());
        trainer.remove(RUN);

        Files.delete(dropIn.resolve("truncated-normal.jar"));
        Await.until("truncated-normal to disappear", FILEINSTALL, this::exampleServices, refs -> refs == null);
        Await.until("the example bundle to be uninstalled", FILEINSTALL, this::exampleBundle, Optional::isEmpty);
    }

    private ServiceReference<?>[] exampleServices() {
        try {
            return context.getServiceReferences(Initializer.class.getName(), EXAMPLE_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Bundle> exampleBundle() {
        return Arrays.stream(context.getBundles()).filter(bundle -> EXAMPLE_BUNDLE.equals(bundle.getSymbolicName()))
                .findFirst();
    }
}
