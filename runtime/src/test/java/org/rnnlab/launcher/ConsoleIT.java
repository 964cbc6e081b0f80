package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell in a real terminal (tmux, as a person types): leaving it with
 * {@code exit} or Ctrl-D while a run trains saves the run and says so, and the next start
 * offers to recover it.
 */
class ConsoleIT {
    private static final Path JAR = Path.of("target", "rnnlab.jar").toAbsolutePath();
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path home;

    /**
     * A tmux server of the tests' own, kept alive by an idle session: with the default server,
     * killing a test's only session ends the server, and the next test's new-session could meet
     * it exiting ("tmux could not start a session", seen once); nor do the tests touch a person's
     * own sessions.
     */
    private static final String SOCKET = "rnnlab-it-" + ProcessHandle.current().pid();
    private static String socketPath = "";

    private final String session = "rnnlab-it-" + System.nanoTime();

    @BeforeAll
    static void startTmuxServer() throws Exception {
        if (run(List.of("tmux", "-V")) != 0) {
            fail("the console tests need tmux (Debian: apt-get install tmux; .ci/run installs it)");
        }
        if (run(tmux("new-session", "-d", "-s", "keeper", "sleep 3600")) != 0) {
            fail("tmux could not start its server");
        }
        Process where = new ProcessBuilder(tmux("display-message", "-p", "#{socket_path}")).start();
        where.waitFor(10, TimeUnit.SECONDS);
        socketPath = new String(where.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @AfterAll
    static void stopTmuxServer() throws Exception {
        run(tmux("kill-server"));
        if (!socketPath.isEmpty()) {
            Files.deleteIfExists(Path.of(socketPath)); // tmux leaves the socket file behind
        }
    }

    @AfterEach
    void killSession() throws Exception {
        run(tmux("kill-session", "-t", session));
    }

    /** A tmux command on the tests' own server. */
    private static List<String> tmux(String... arguments) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", SOCKET));
        command.addAll(List.of(arguments));
        return command;
    }

    @Test
    void exitAndCtrlDWhileARunTrainsSaveItAndTheNextStartOffersIt() throws Exception {
        start();
        type("new a task=adding length=20 steps=100000000");
        type("rnn:start a");
        awaitScreen(s -> s.contains("training 100000000 steps"));
        Thread.sleep(1500);
        type("exit");
        String screen = awaitScreen(s -> s.contains("as the runtime stopped"));
        assertTrue(screen.contains("rnnlab: saved run a to runs/a/step-"), screen);
        assertTrue(screen.contains("rnn:recover a continues it"), screen);

        run(tmux("kill-session", "-t", session));
        start();
        String offered = awaitScreen(s -> s.contains("rnn:recover [NAME] continues them"));
        assertTrue(offered.contains("autosaved checkpoints of 1 run(s): a;"), offered);
        type("recover a");
        type("rnn:start a steps=100000000");
        awaitScreen(s -> s.contains("training 100000000 steps"));
        Thread.sleep(1500);
        run(tmux("send-keys", "-t", session, "C-d"));
        String second = awaitScreen(s -> s.lines().filter(l -> l.contains("as the runtime stopped")).count() >= 1
                && s.contains("saved run a"));
        assertTrue(second.contains("saved run a to runs/a/step-"), second);
    }

    /** Ctrl-C during rnn:train pauses the run and says so in one line, with no Java exception. */
    @Test
    void ctrlCDuringTrainPausesTheRunInOneLine() throws Exception {
        start();
        type("train name=c task=adding length=20 steps=100000000");
        awaitScreen(s -> s.contains("elapsed"));
        String screen = pressCtrlCAndAwait("interrupted: run c paused at step");
        assertTrue(screen.contains("(rnn:resume c or rnn:stop c)"), screen);
        type("status c");
        awaitScreen(s -> s.contains("c  paused  step"));
    }

    /** Ctrl-C during a long rnn:sample stops it in one line, with no Java exception. */
    @Test
    void ctrlCDuringSampleStopsItInOneLine() throws Exception {
        Path text = home.resolve("text.txt");
        Files.writeString(text, "to be or not to be, that is the question\n".repeat(200));
        start();
        type("train name=s task=text file=" + text + " hidden=64 length=8 batch=4 steps=1 checkpoint.shutdown=false");
        awaitScreen(s -> s.contains("eval s:"));
        type("sample s length=1000000");
        Thread.sleep(1500);
        String screen = pressCtrlCAndAwait("interrupted: sampling stopped after ");
        assertTrue(screen.contains(" of 1000000 characters"), screen);
    }

    /** Felix's bundle commands keep their meaning unscoped; the run commands are rnn:start and rnn:stop. */
    @Test
    void bundleCommandsKeepTheirOsgiMeaning() throws Exception {
        start();
        type("lb");
        String listing = awaitScreen(s -> s.contains("echo state network"));
        String row = listing.lines().filter(l -> l.contains("echo state network")).findFirst().orElseThrow();
        String id = row.strip().split("\\|")[0].strip();
        type("stop " + id);
        type("lb");
        awaitScreen(s -> s.lines().anyMatch(l -> l.contains("echo state network") && l.contains("Resolved")));
        type("start " + id);
        type("lb");
        awaitScreen(s -> s.lines().filter(l -> l.contains("echo state network")).reduce((x, y) -> y).orElse("")
                .contains("Active"));
        assertTrue(!screen().contains("no run named"), "start and stop ID are the bundle commands");
        type("update " + id);
        type("lb");
        Thread.sleep(1000);
        String updated = screen();
        assertTrue(!updated.contains("protocol") && !updated.contains("Exception"), "update reads rnnlab's bundle:\n" + updated);
        assertTrue(updated.lines().filter(l -> l.contains("echo state network")).reduce((x, y) -> y).orElse("")
                .contains("Active"), updated);
    }

    /** TAB completes components by kind, the Adam family from "ad", and run names. */
    @Test
    void tabCompletesComponentsKeysAndRuns() throws Exception {
        start();
        run(tmux("send-keys", "-t", session, "-l", "train cell="));
        run(tmux("send-keys", "-t", session, "Tab"));
        String cells = awaitScreen(s -> s.contains("cell=rnn-tanh"));
        assertTrue(cells.contains("cell=lstm") && cells.contains("cell=gru") && cells.contains("cell=esn"), cells);
        run(tmux("send-keys", "-t", session, "C-u"));
        run(tmux("send-keys", "-t", session, "-l", "train optimizer=ad"));
        run(tmux("send-keys", "-t", session, "Tab"));
        String adam = awaitScreen(s -> s.contains("optimizer=adamw"));
        assertTrue(adam.contains("optimizer=adam ") && adam.contains("optimizer=adamax"), adam);
        run(tmux("send-keys", "-t", session, "C-u"));
        type("new completeme task=adding length=5");
        awaitScreen(s -> s.contains("created completeme"));
        run(tmux("send-keys", "-t", session, "-l", "status comp"));
        run(tmux("send-keys", "-t", session, "Tab"));
        awaitScreen(s -> s.lines().anyMatch(l -> l.startsWith("rnn> status completeme")));
    }

    /** Ctrl-C during rnn:experiment pauses its runs and says so in one line, with no Java exception. */
    @Test
    void ctrlCDuringAnExperimentPausesItsRunsInOneLine() throws Exception {
        start();
        type("rnn:experiment name=x task=adding length=20 hidden=8 steps=100000000 seed=1 seed=2");
        awaitScreen(s -> s.contains("x-2 (2/2) seed=2: training"));
        String screen = pressCtrlCAndAwait("interrupted: the running runs are paused");
        assertTrue(screen.contains("rnn:experiment resume=x continues the experiment"), screen);
        type("status x-1");
        awaitScreen(s -> s.contains("x-1  paused  step"));
    }

    @Test
    void aMistypedCommandOrMisfitArgumentsAreNamedInOneLineWithoutAClassName() throws Exception {
        start();
        type("stauts");
        String screen = awaitScreen(s -> s.contains("unknown command 'stauts'"));
        assertTrue(screen.contains("unknown command 'stauts'; did you mean rnn:status? (help lists every command)"), screen);
        // Felix's commands with arguments that fit none of their forms: one line, no class name or Java types
        type("stop 999");
        type("headers xyz");
        type("lb abc def");
        screen = awaitScreen(s -> s.contains("lb: 'abc def'"));
        assertTrue(screen.contains("stop: no bundle has id 999 (lb lists them)"), screen);
        assertTrue(screen.contains("headers: 'xyz' is not a bundle id (lb lists them)"), screen);
        assertTrue(screen.contains("lb: 'abc def' does not fit what it takes; help lb shows its options and arguments"),
                screen);
        // and those that answer a failure as text (Felix prints an exception's toString): one line in words too
        type("start 0");
        type("start 999");
        type("start abc");
        type("install nothing.jar");
        screen = awaitScreen(s -> s.contains("install: "));
        assertTrue(screen.contains("start: no bundle has id 999 (lb lists them)"), screen);
        assertTrue(screen.contains("start: 'abc' is neither a bundle id nor a location to install from"), screen);
        assertTrue(screen.contains("install: no such file: "), screen);
        assertEquals(2, screen.lines().filter(l -> l.startsWith("start:")).count(), "start 0 succeeds quietly: " + screen);
        assertTrue(!screen.contains("Exception") && !screen.contains("coerce"), screen);
    }

    /**
     * A jar dropped into drop-in/ while the console runs that is no bundle is named in one line
     * (FileInstall alone says nothing), again when it changes and is still none, installs as any
     * bundle once it is one, and is named again when the bundle is replaced by a jar that is none.
     */
    @Test
    void aJarThatIsNoBundleDroppedWhileRunningIsNamedAndInstallsOnceFixed() throws Exception {
        start();
        Path dropped = home.resolve("drop-in").resolve("plain.jar");
        writeJar(dropped, null);
        String named = "rnnlab: drop-in: plain.jar is not a bundle (its manifest names no Bundle-SymbolicName)";
        awaitScreen(s -> s.contains(named));
        writeJar(dropped, null);
        Files.setLastModifiedTime(dropped, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        awaitScreen(s -> s.split(java.util.regex.Pattern.quote(named), -1).length == 3);
        writeJar(dropped, "example.fixed");
        Files.setLastModifiedTime(dropped, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 120_000));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String listing = "";
        while (!listing.lines().anyMatch(l -> l.contains("example.fixed") && l.contains("Active"))) {
            if (System.nanoTime() > deadline) {
                fail("the fixed jar was not installed within " + WAIT_SECONDS + " s:\n" + listing);
            }
            type("lb example");
            Thread.sleep(1000);
            listing = screen();
        }
        assertEquals(2, listing.split(java.util.regex.Pattern.quote(named), -1).length - 1,
                "named once on arrival and once on the change, not at every poll:\n" + listing);
        assertTrue(!listing.contains("Exception"), listing);

        // the bundle's jar replaced by one that is no bundle: FileInstall uninstalls it, and it is named
        writeJar(dropped, null);
        Files.setLastModifiedTime(dropped, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 180_000));
        String replaced = awaitScreen(s -> s.split(java.util.regex.Pattern.quote(named), -1).length == 4);
        assertTrue(!replaced.contains("Exception"), replaced);
    }

    /** A jar with one entry; a bundle's manifest if {@code symbolicName} is given, else a plain one. */
    private static void writeJar(Path file, String symbolicName) throws IOException {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        Path written = Files.createTempFile(file.getParent().getParent(), "jar", ".tmp");
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(written), manifest)) {
            jar.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            jar.write("a".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        // whole, at once: FileInstall must not see half a jar
        Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void start() throws Exception {
        // any free port for the dashboard: a lab open on this machine keeps the default one
        String command = String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.osgi.service.http.port=0", "-jar", JAR.toString(), "--home", home.toString(), "; sleep 30");
        if (run(tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", command)) != 0) {
            fail("tmux could not start a session");
        }
        awaitScreen(s -> s.contains("rnn> "));
    }

    /**
     * Presses Ctrl-C, waits for the line that says what it did, and checks that no Java reaches
     * the screen then or just after; returns the screen with the line.
     */
    private String pressCtrlCAndAwait(String said) throws Exception {
        run(tmux("send-keys", "-t", session, "C-c"));
        String screen = awaitScreen(s -> s.contains(said));
        Thread.sleep(500);
        String after = screen();
        assertTrue(!after.contains("Exception") && !after.contains("java."), "no Java on the screen:\n" + after);
        return screen;
    }

    private void type(String line) throws Exception {
        run(tmux("send-keys", "-t", session, "-l", line));
        run(tmux("send-keys", "-t", session, "Enter"));
    }

    private String screen() throws Exception {
        Path out = Files.createTempFile(home, "screen", ".txt");
        ProcessBuilder capture = new ProcessBuilder(tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", session))
                .redirectOutput(out.toFile()).redirectErrorStream(true);
        Process p = capture.start();
        p.waitFor(10, TimeUnit.SECONDS);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return text;
    }

    private String awaitScreen(Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String text = screen();
        while (!done.test(text)) {
            if (System.nanoTime() > deadline) {
                fail("the screen did not show what was expected within " + WAIT_SECONDS + " s:\n" + text);
            }
            Thread.sleep(100);
            text = screen();
        }
        return text;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return -1;
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
