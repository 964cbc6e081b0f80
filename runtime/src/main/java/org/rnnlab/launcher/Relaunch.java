package org.rnnlab.launcher;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar rnnlab.jar} runs the runtime in a second JVM started the way rnnlab needs,
 * because an executable jar cannot carry JVM options:
 * <ul>
 * <li>{@code --add-modules jdk.incubator.vector}, so the {@code java-vector} backend is present
 * (the JDK's one-line incubator warning is dropped from the child's error stream);</li>
 * <li>{@code OPENBLAS_NUM_THREADS=1} unless set: rnnlab owns the thread budget ({@code threads=N});
 * a second pool inside OpenBLAS on the same cores makes both slower;</li>
 * <li>a class-data-sharing archive ({@link ClassArchive}) and {@link #STARTUP_OPTIONS}, which keep
 * the prompt fast although the child is a second JVM start;</li>
 * <li>its {@link Scratch} folder, made here, as its {@code java.io.tmpdir}: the JDK reads that
 * property once, as the JVM starts, for every temporary file (netlib's extracted JNI library,
 * the cluster's checkpoint files), so only a JVM started with it keeps them all in the folder.
 * This JVM removes the folder once the child has ended, however it ended.</li>
 * </ul>
 * The user's own JVM options come after these, so they win (but for {@code java.io.tmpdir}: theirs
 * places the scratch folder, the child's is the folder). {@code -Drnnlab.relaunch=false}
 * runs everything in the first JVM; so does starting it with the module already added.
 * This JVM only waits: it ignores Ctrl-C, which the child (same process group) handles, and
 * stops the child (and keeps its archive) if it is itself terminated.
 */
final class Relaunch {
    static final String PROPERTY = "rnnlab.relaunch";
    /** Set on the child: the launcher's process id, which the child watches ({@link ParentWatch}). */
    static final String PARENT_PROPERTY = "rnnlab.parent";
    /** Set on the child: the scratch folder this JVM made for it. */
    static final String SCRATCH_PROPERTY = "rnnlab.scratch";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: " + VECTOR_MODULE;
    /**
     * Start-up aids for two cores: fewer compilations while hundreds of classes initialise once
     * (the JIT otherwise takes a whole core; training loops pass the raised thresholds within the
     * first step, and rnn:bench throughput is unchanged), and no jvmstat file in /tmp (jps and
     * VisualVM then do not list the runtime; {@code jcmd PID} still works, and
     * {@code -XX:+UsePerfData} before {@code -jar} brings it back).
     */
    static final List<String> STARTUP_OPTIONS = List.of("-XX:CompileThresholdScaling=10", "-XX:-UsePerfData");
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private final List<String> command;
    private final Optional<ClassArchive> archive;
    private final Path scratch;

    private Relaunch(List<String> command, Optional<ClassArchive> archive, Path scratch) {
        this.command = command;
        this.archive = archive;
        this.scratch = scratch;
    }

    /** The relaunch this JVM should do, or empty when it should run the runtime itself. */
    static Optional<Relaunch> plan(String[] args) {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
                || ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()
                || ModuleFinder.ofSystem().find(VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> jar = launcherJar();
        Optional<List<String>> jvmOptions = ProcessHandle.current().info().arguments()
                .flatMap(arguments -> jvmOptions(Arrays.asList(arguments)));
        if (jar.isEmpty() || jvmOptions.isEmpty()) {
            return Optional.empty(); // not started as java [options] -jar rnnlab.jar
        }
        Path scratch;
        try {
            scratch = Scratch.create();
        } catch (IOException e) {
            return Optional.empty(); // the runtime makes its own, or says why it cannot
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Optional<ClassArchive> archive = ClassArchive.wanted(jvmOptions.get())
                ? ClassArchive.forLauncher(jar.get(), String.join(" ", STARTUP_OPTIONS))
                : Optional.empty();
        return Optional.of(new Relaunch(command(java, jar.get(), jvmOptions.get(), archive, scratch, args), archive,
                scratch));
    }

    static List<String> command(Path java, Path jar, List<String> jvmOptions, Optional<ClassArchive> archive,
            Path scratch, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-D" + PROPERTY + "=false");
        command.add("-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-D" + SCRATCH_PROPERTY + "=" + scratch);
        command.add("--add-modules=" + VECTOR_MODULE);
        command.addAll(STARTUP_OPTIONS);
        archive.ifPresent(a -> command.addAll(a.jvmOptions()));
        command.addAll(jvmOptions);
        // after the user's: a -Djava.io.tmpdir of theirs placed the scratch folder, which is inside it
        command.add("-Djava.io.tmpdir=" + scratch);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** The options given before {@code -jar} on this JVM's command line; empty without {@code -jar}. */
    static Optional<List<String>> jvmOptions(List<String> arguments) {
        int jar = arguments.indexOf("-jar");
        return jar < 0 ? Optional.empty() : Optional.of(List.copyOf(arguments.subList(0, jar)));
    }

    private static Optional<Path> launcherJar() {
        try {
            Path self = Path.of(Relaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(self) ? Optional.of(self) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Runs the child to its end and returns its exit code; empty when it could not be started. */
    Optional<Integer> run() {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        withRnnlabEnvironment(builder.environment());
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            System.err.println("rnnlab: cannot start " + command.get(0) + " (" + e.getMessage()
                    + "); running without the java-vector backend");
            Scratch.delete(scratch);
            return Optional.empty();
        }
        ignoreInterrupt();
        Thread errors = new Thread(() -> forwardErrors(child.getErrorStream(),
                new FileOutputStream(FileDescriptor.err)), "rnnlab-child-stderr");
        Thread stopChild = new Thread(() -> stop(child, errors), "rnnlab-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        errors.start();
        int code = waitFor(child);
        joinQuietly(errors);
        Scratch.delete(scratch); // the child removes it too, unless it was killed
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
            archive.ifPresent(a -> a.keep(code));
        } catch (IllegalStateException e) {
            // this JVM is being terminated: the hook keeps the archive
        }
        return Optional.of(code);
    }

    /**
     * Terminates the child (which writes its archive and says what it saved as it exits);
     * forcibly if it hangs. Through its process handle: {@link Process#destroy} would also close
     * the pipe of its error stream, and the lines it writes while stopping would be lost. Waits
     * a little for those lines to be passed on.
     */
    private void stop(Process child, Thread errors) {
        ProcessHandle handle = child.toHandle();
        handle.destroy();
        try {
            if (child.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                archive.ifPresent(a -> a.keep(child.exitValue()));
            } else {
                handle.destroyForcibly();
                child.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            errors.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            handle.destroyForcibly();
        }
        Scratch.delete(scratch);
    }

    static void withRnnlabEnvironment(Map<String, String> environment) {
        environment.putIfAbsent("OPENBLAS_NUM_THREADS", "1");
    }

    /**
     * Copies the child's error stream, without the incubator warning the JVM prints first (rnnlab
     * asked for the module on purpose; the line would precede every prompt and every error). If
     * this process's own error stream fails (a reader that went away), the rest is read and
     * dropped, so the child never blocks on a full pipe; when the child's pipe closes under the
     * reader (the child is gone), the copy ends.
     */
    static void forwardErrors(InputStream from, OutputStream to) {
        OutputStream target = to;
        try {
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            int b;
            while ((b = from.read()) >= 0) {
                first.write(b);
                if (b == '\n') {
                    break;
                }
            }
            if (!first.toString(StandardCharsets.UTF_8).strip().equals(INCUBATOR_WARNING)) {
                target = write(target, first.toByteArray(), first.size());
            }
            byte[] buffer = new byte[8192];
            int n;
            while ((n = from.read(buffer)) >= 0) {
                target = write(target, buffer, n);
            }
        } catch (IOException e) {
            // The pipe closed under the reader (the child is gone): nothing more will come.
        }
    }

    /** Writes and flushes; returns the stream to write to next: null (drop) once it has failed. */
    private static OutputStream write(OutputStream to, byte[] bytes, int length) {
        if (to == null) {
            return null;
        }
        try {
            to.write(bytes, 0, length);
            to.flush();
            return to;
        } catch (IOException e) {
            return null;
        }
    }

    @SuppressWarnings("removal") // sun.misc.Signal: the only way to ignore SIGINT in a JVM
    private static void ignoreInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            // no SIGINT on this platform: nothing to ignore
        }
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // only the child decides when it is done; this JVM just relays its exit code
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
