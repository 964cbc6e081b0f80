package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.Components;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * The third-party IndRNN cell (examples/indrnn-cell, built on the published API alone) dropped
 * into a running platform: trained through the shell commands, its jar deleted while the run
 * trains (the run waits, naming the cell), the jar put back (the run resumes from where it was).
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class IndRnnDropInTest {
    private static final String BUNDLE = "org.example.rnnlab.indrnn-cell";
    private static final String JAR = "indrnn-cell.jar";
    private static final String RUN = "ind";
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
    private ServiceReference<CommandProcessor> processorRef;
    private CommandSession session;

    @BeforeEach
    void watchADropInFolderAndOpenAShell() throws Exception {
        dropIn = Files.createDirectory(temp.resolve("drop-in"));
        watcher = WatchedFolder.watch(configurationAdmin, dropIn);
        Await.service(context, null, "(osgi.command.scope=rnn)", FILEINSTALL);
        Await.service(context, CommandProcessor.class, null, FILEINSTALL);
        processorRef = context.getServiceReference(CommandProcessor.class);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        session = context.getService(processorRef).createSession(InputStream.nullInputStream(), sink, sink);
    }

    @AfterEach
    void cleanUp() throws IOException, BundleException {
        if (trainer.runs().stream().anyMatch(run -> run.name().equals(RUN))) {
            trainer.remove(RUN);
        }
        if (session != null) {
            session.close();
            context.ungetService(processorRef);
        }
        Files.deleteIfExists(dropIn.resolve(JAR));
        Optional<Bundle> left = bundle();
        if (left.isPresent()) {
            left.get().uninstall();
        }
        if (watcher != null) {
            watcher.delete();
        }
    }

    @Test
    void aRunOfTheDroppedCellWaitsWhileItsJarIsGoneAndResumesWhenItReturns() throws Exception {
        dropTheJar();
        assertTrue(execute("rnn:components cells").contains("indrnn"), "indrnn is listed among the cells");

        Await.untilAccepted("the trainer to accept cell=indrnn", FILEINSTALL, "unknown cell 'indrnn'", () -> execute(
                "rnn:new " + RUN + " cell=indrnn task=adding length=10 hidden=8 batch=8 steps=1000000 report=1 seed=1"));
        execute("rnn:start " + RUN);
        Await.until("the run to train", FILEINSTALL, () -> trainer.status(RUN), s -> s.step() >= 5);

        Files.delete(dropIn.resolve(JAR));
        RunStatus waiting = Await.until("the run to wait for indrnn", FILEINSTALL, () -> trainer.status(RUN),
                s -> s.state() == RunState.WAITING);
        assertTrue(waiting.message().contains("indrnn"), waiting.message());
        Await.until("the bundle to be uninstalled", FILEINSTALL, this::bundle, Optional::isEmpty);
        long stepWhileWaiting = trainer.status(RUN).step();

        dropTheJar();
        RunStatus resumed = Await.until("the run to resume", FILEINSTALL, () -> trainer.status(RUN),
                s -> s.state() == RunState.RUNNING && s.step() > stepWhileWaiting);
        assertTrue(Double.isFinite(resumed.loss()), "loss " + resumed.loss());

        execute("rnn:stop " + RUN);
        assertEquals(RunState.STOPPED, trainer.status(RUN).state());
    }

    /** Copies the jar beside the folder, then moves it in at once: FileInstall never sees half a jar. */
    private void dropTheJar() throws Exception {
        Path jar = Path.of(context.getProperty("rnnlab.indrnn.jar"));
        assertTrue(Files.isRegularFile(jar), "example bundle missing: " + jar);
        Path staged = Files.copy(jar, temp.resolve(JAR), StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, dropIn.resolve(JAR), StandardCopyOption.ATOMIC_MOVE);
        ServiceReference<?> cell = Await.service(context, CellType.class, "(" + Components.NAME + "=indrnn)", FILEINSTALL);
        assertEquals(BUNDLE, cell.getBundle().getSymbolicName());
    }

    private String execute(String command) throws Exception {
        Object result = session.execute(command);
        return result == null ? "" : String.valueOf(result);
    }

    private Optional<Bundle> bundle() {
        return Arrays.stream(context.getBundles()).filter(b -> BUNDLE.equals(b.getSymbolicName())).findFirst();
    }
}
