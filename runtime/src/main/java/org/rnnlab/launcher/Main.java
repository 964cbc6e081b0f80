package org.rnnlab.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;

/**
 * The rnnlab runtime: {@code java -jar rnnlab.jar} opens the interactive shell;
 * {@code -c "CMD; CMD"} and {@code --script FILE} run commands without reading standard input
 * and exit 0 when all succeeded, 1 when one failed (its one-line error on stderr), 2 on a usage
 * error. Started as {@code java -jar}, it first hands over to a second JVM with the options
 * rnnlab needs ({@link Relaunch}) and relays that JVM's exit code.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final long SERVICE_TIMEOUT_MS = 30_000;

    private Main() {
    }

    public static void main(String[] args) {
        // by name: loading the class would initialise java.util.logging before the property is set
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.rnnlab.launcher.ShutdownSafeLogManager");
        }
        // rnn:plot draws charts into files: AWT must never look for a display (unless asked to with -D)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Optional<Integer> child = Relaunch.plan(args).flatMap(Relaunch::run);
        System.exit(child.orElseGet(() -> run(args, System.out, System.err)));
    }

    /** The scratch folder the launching JVM made for this one ({@link Relaunch}), if it is there. */
    private static Optional<Path> handedOverScratch() {
        return Optional.ofNullable(System.getProperty(Relaunch.SCRATCH_PROPERTY)).map(Path::of)
                .filter(Files::isDirectory);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        List<Statement> statements;
        try {
            commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                out.println(CommandLine.USAGE);
                return OK;
            }
            statements = statements(commandLine);
        } catch (CommandLine.UsageException e) {
            err.println("rnnlab: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return USAGE;
        }
        String homeProblem = prepareHome(commandLine.home(), err);
        if (homeProblem != null) {
            err.println("rnnlab: " + homeProblem);
            return FAILED;
        }
        Path scratch;
        try {
            Optional<Path> handedOver = handedOverScratch();
            scratch = handedOver.isPresent() ? handedOver.get() : Scratch.create();
        } catch (IOException e) {
            err.println("rnnlab: cannot start the runtime: " + oneLine(e));
            return FAILED;
        }
        // Code that asks for the property finds the scratch folder; the JDK's own temporary files
        // follow it only in a JVM started with it (Relaunch does).
        System.setProperty("java.io.tmpdir", scratch.toString());
        Framework framework;
        ExitCommand exit = new ExitCommand();
        try {
            Logs.configure(commandLine.home());
            framework = Platform.start(commandLine.home(), scratch, commandLine.interactive(), exit);
        } catch (Exception e) {
            err.println("rnnlab: cannot start the runtime: " + oneLine(e));
            Scratch.delete(scratch);
            Logs.closeFile();
            return FAILED;
        }
        // SIGTERM, SIGHUP (a closed terminal) and the launcher's death end the JVM through its
        // shutdown hooks: stopping the framework there lets the trainer save every live run.
        Thread stopOnExit = new Thread(() -> stop(framework, scratch), "rnnlab-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        ParentWatch.start(System.getProperty(Relaunch.PARENT_PROPERTY));
        try {
            if (commandLine.interactive()) {
                framework.waitForStop(0);
                return exit.requested() == null ? OK : exit.requested();
            }
            awaitDropIns(framework, commandLine.home().resolve("drop-in"));
            return execute(framework, statements, exit, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } finally {
            stop(framework, scratch);
        }
    }

    /** A command and where it came from, for error messages. */
    private record Statement(String where, String command) {
    }

    private static List<Statement> statements(CommandLine commandLine) throws CommandLine.UsageException {
        List<Statement> statements = new ArrayList<>();
        if (commandLine.commands() != null) {
            commandLine.commands().forEach(c -> statements.add(new Statement("", c)));
        } else if (commandLine.script() != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(commandLine.script(), StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new CommandLine.UsageException("cannot read script " + commandLine.script()
                        + ": it is not UTF-8 text (a binary file?); give one command per line");
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CommandLine.UsageException("cannot read script " + commandLine.script() + ": no such file");
            } catch (IOException e) {
                throw new CommandLine.UsageException("cannot read script " + commandLine.script() + ": "
                        + (Files.isDirectory(commandLine.script()) ? "it is a folder" : e.getMessage()));
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    statements.add(new Statement(commandLine.script().getFileName() + ":" + (i + 1) + ": ", line));
                }
            }
        }
        return statements;
    }

    private static int execute(Framework framework, List<Statement> statements, ExitCommand exit, PrintStream out,
            PrintStream err) {
        try (GogoSession session = GogoSession.open(framework.getBundleContext(), out, err, SERVICE_TIMEOUT_MS)) {
            for (Statement statement : statements) {
                try {
                    String result = session.execute(statement.command());
                    String failure = result == null ? null : BundleCommandFailures.failureOfStatement(statement.command(), result);
                    if (failure != null) {
                        out.flush();
                        err.println(statement.where() + "error: " + failure);
                        return FAILED;
                    }
                    if (result != null && !result.isEmpty()) {
                        out.println(result);
                    }
                    if (exit.requested() != null) {
                        return exit.requested();
                    }
                } catch (Exception e) {
                    out.flush();
                    String explained = BundleCommandFailures.explain(framework.getBundleContext(), statement.command(), e);
                    err.println(statement.where() + "error: " + (explained != null ? explained : oneLine(e)));
                    return FAILED;
                }
            }
            return OK;
        } catch (Exception e) {
            err.println("rnnlab: " + oneLine(e));
            return FAILED;
        }
    }

    /**
     * A home folder that does not exist yet is made (a new lab), and said so; null when the
     * folder is there, else why it cannot be.
     */
    private static String prepareHome(Path home, PrintStream err) {
        if (Files.isDirectory(home)) {
            return null;
        }
        if (Files.exists(home)) {
            return "the home " + home + " is a file, not a folder";
        }
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            return "cannot make the home folder " + home + " (" + oneLine(e) + ")";
        }
        err.println("rnnlab: made the home folder " + home);
        return null;
    }

    /** The message of the most specific cause, first line only: errors are for people. */
    static String oneLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && !cause.getClass().getName().equals("org.rnnlab.api.RnnlabException")) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (cause instanceof InterruptedException && (message == null || message.isBlank())) {
            return "interrupted (the runtime is stopping, or the command was stopped)";
        }
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message).strip();
    }

    /**
     * FileInstall installs drop-in bundles asynchronously; commands given on the command line
     * should see the ones present at start, so wait (briefly) until they are active.
     */
    private static void awaitDropIns(Framework framework, Path dropIn) throws InterruptedException {
        List<String> jars = new ArrayList<>();
        java.util.Set<String> notBundles = NonBundleJars.notBundles(dropIn); // named on the terminal; never installed
        try (var files = Files.list(dropIn)) {
            files.filter(f -> f.toString().endsWith(".jar")).map(f -> f.getFileName().toString())
                    .filter(name -> !notBundles.contains(name)).forEach(jars::add);
        } catch (IOException e) {
            return;
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && !allActive(framework, jars)) {
            Thread.sleep(50);
        }
    }

    private static boolean allActive(Framework framework, List<String> jars) {
        for (String jar : jars) {
            boolean active = DropInLog.failed(jar); // named on the terminal already; waiting would not help
            for (Bundle bundle : framework.getBundleContext().getBundles()) {
                active |= bundle.getLocation().endsWith("/" + jar) && bundle.getState() == Bundle.ACTIVE;
            }
            if (!active) {
                return false;
            }
        }
        return true;
    }

    /** Stops the framework, then removes the scratch folder its cache was in. */
    private static void stop(Framework framework, Path scratch) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (Exception e) {
            System.err.println("rnnlab: framework did not stop cleanly: " + oneLine(e));
        }
        if (framework.getState() == org.osgi.framework.Bundle.RESOLVED) {
            Scratch.delete(scratch);
            Logs.closeFile();
        }
    }
}
