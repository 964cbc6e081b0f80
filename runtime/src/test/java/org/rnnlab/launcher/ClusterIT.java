package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtimes on 127.0.0.1 form a cluster (the add-on of modules/cluster in each one's drop-in/)
 * and train an experiment grid whose table must equal, digit for digit, the one a single runtime
 * gives (all but the seconds each run took): while a member that joins late receives work and
 * another is killed with SIGKILL mid-run, and when the coordinator itself is killed and another
 * runtime resumes the experiment from the cluster. Every process is bounded in time and killed
 * after each test, whatever its outcome.
 */
class ClusterIT {
    private static final Path JAR = Path.of("target", "rnnlab.jar").toAbsolutePath();
    private static final Path ADD_ON = Path.of("..", "modules", "cluster", "target", "add-on").toAbsolutePath();
    /** Six runs of a few seconds each, autosaved every 100 steps. */
    private static final String GRID = "task=adding length=20 hidden=16 steps=1000 checkpoint.every=100 target=0.1"
            + " cell=rnn-tanh cell=lstm seed=1 seed=2 seed=3";

    /** The single runtime's table (without seconds) and CSV, computed once for both tests. */
    private static List<String> expectedTable;
    private static List<String> expectedCsv;

    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void trainTheGridInOneRuntime(@TempDir Path single) throws Exception {
        assertTrue(Files.isDirectory(ADD_ON), ADD_ON + " is missing: build modules/cluster first (mvn package -pl modules/cluster)");
        ClusterIT alone = new ClusterIT();
        try {
            Process process = alone.start(single, "-c", "rnn:experiment name=g " + GRID);
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the single runtime trained the grid within 3 minutes");
            assertEquals(0, process.exitValue(), read(single, "err"));
        } finally {
            alone.killWhatIsLeft();
        }
        expectedTable = results(read(single, "out"));
        assertEquals(8, expectedTable.size(), read(single, "out")); // six runs and two mean ± sd rows
        // steps to target: the cluster's tables must give the step at which each run first reached it,
        // also for runs that ended while no coordinator was listening
        assertTrue(expectedTable.stream().filter(row -> row.matches("g-\\d \\|.* \\| \\d+")).count() >= 2,
                String.join("\n", expectedTable));
        expectedCsv = csvWithoutSeconds(single);
    }

    @AfterEach
    void killWhatIsLeft() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void aGridSurvivesAKilledMemberAndGivesTheTableOfOneRuntime() throws Exception {
        int[] ports = freePorts(4);
        String cluster = "it-" + ProcessHandle.current().pid();
        // the coordinator only coordinates, so once the victim is gone only the late member can train
        Path coordinator = member(root.resolve("m0"), cluster, ports, 0, 0);
        Path victim = member(root.resolve("m1"), cluster, ports, 1, 1);
        Path late = member(root.resolve("m2"), cluster, ports, 2, 1);
        Process killed = start(victim, "-c", "rnn:cluster serve minutes=3");
        Process grid = start(coordinator, "-c", "rnn:experiment name=g cluster=true " + GRID);
        awaitOutput(coordinator, grid, ": training");
        // a second coordinator of the same name would overwrite the first one's runs: refused, leaving
        // nothing (it only coordinates, so it takes no run of the grid while it is in the cluster)
        Path twinHome = member(root.resolve("m3"), cluster, ports, 3, 0);
        Process twin = start(twinHome, "-c", "rnn:experiment name=g cluster=true " + GRID);
        assertTrue(twin.waitFor(2, TimeUnit.MINUTES));
        assertEquals(1, twin.exitValue(), read(twinHome, "out"));
        assertTrue(read(twinHome, "err").contains("error: the cluster holds an experiment named g that has not been "
                + "collected"), read(twinHome, "err"));
        if (Files.isDirectory(twinHome.resolve("runs"))) {
            try (Stream<Path> written = Files.list(twinHome.resolve("runs"))) {
                assertEquals(List.of(), written.map(f -> f.getFileName().toString()).toList(), "the refused twin wrote nothing");
            }
        }
        start(late, "-c", "rnn:cluster serve minutes=3");

        awaitAutosave(victim, killed);
        vanish(killed); // SIGKILL: the member vanishes mid-run, no hook runs
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));

        assertTrue(grid.waitFor(3, TimeUnit.MINUTES), "the cluster trained the grid within 3 minutes");
        String out = read(coordinator, "out");
        assertEquals(0, grid.exitValue(), out + read(coordinator, "err"));
        assertTrue(out.contains("goes on from its newest checkpoint"), "the killed member's run moved on:\n" + out);
        assertTrue(out.contains("on 127.0.0.1:" + ports[2] + ": training"), "the member that joined late trained:\n" + out);
        assertEquals(expectedTable, results(out));
        assertEquals(expectedCsv, csvWithoutSeconds(coordinator));
        for (int i = 1; i <= 6; i++) {
            try (Stream<Path> saved = Files.list(coordinator.resolve("runs").resolve("g-" + i))) {
                assertTrue(saved.anyMatch(f -> f.getFileName().toString().matches("step-0*1000\\.ckpt")),
                        "the final state of g-" + i + " is in its autosave folder on the coordinator");
            }
        }
        stopAll();
    }

    @Test
    void anotherRuntimeResumesTheExperimentOfAKilledCoordinator() throws Exception {
        int[] ports = freePorts(4);
        String cluster = "it-resume-" + ProcessHandle.current().pid();
        Path first = member(root.resolve("m0"), cluster, ports, 0, 1);
        Path successor = member(root.resolve("m3"), cluster, ports, 3, 1);
        // The two members join before the coordinator starts, so the experiment's definition and
        // tickets get their backups at once: a member killed while partitions still migrate to a
        // newcomer can take data with it, which is not what this test is about.
        for (int i = 1; i <= 2; i++) {
            Path home = member(root.resolve("m" + i), cluster, ports, i, 1);
            awaitOutput(home, start(home, "-c", "rnn:cluster serve minutes=3"), "member of cluster");
        }
        Process coordinator = start(first, "-c", "rnn:experiment name=g cluster=true " + GRID);
        awaitOutput(first, coordinator, "finished at step");
        vanish(coordinator); // SIGKILL: the coordinator and the runs it trained vanish
        assertTrue(coordinator.waitFor(30, TimeUnit.SECONDS));

        Process resumed = start(successor, "-c", "rnn:experiment resume=g cluster=true; rnn:cluster");
        assertTrue(resumed.waitFor(3, TimeUnit.MINUTES), "the successor collected the grid within 3 minutes");
        String out = read(successor, "out");
        assertEquals(0, resumed.exitValue(), out + read(successor, "err"));
        assertEquals(expectedTable, results(out));
        assertEquals(expectedCsv, csvWithoutSeconds(successor));
        assertTrue(out.contains("cluster " + cluster + ": 3 member(s)"), "the three live runtimes form the cluster:\n" + out);
        // the cluster has forgotten it; this runtime kept it (its definition, its runs' final states): a
        // second resume, in a new process, recovers the runs and makes the same table without training
        Process again = start(successor, "-c", "rnn:experiment resume=g cluster=true");
        assertTrue(again.waitFor(2, TimeUnit.MINUTES), "a second resume ends");
        String second = read(successor, "out");
        assertEquals(0, again.exitValue(), second + read(successor, "err"));
        assertEquals(expectedTable, results(second));
        assertEquals(6, second.lines().filter(l -> l.matches("g-\\d had finished: 1000 steps")).count(), second);
        stopAll();
    }

    /** A serving member whose configuration file is deleted says that it left, and stops serving. */
    @Test
    void aMemberWhoseConfigurationIsRemovedSaysSoAndStopsServing() throws Exception {
        Path home = member(root.resolve("m0"), "it-removed-" + ProcessHandle.current().pid(), freePorts(1), 0, 1);
        Process serving = start(home, "-c", "rnn:cluster serve minutes=3");
        awaitOutput(home, serving, "member of cluster");
        Files.delete(home.resolve("drop-in").resolve("org.rnnlab.cluster.cfg"));
        assertTrue(serving.waitFor(1, TimeUnit.MINUTES), "serving ends once the configuration is gone");
        assertEquals(0, serving.exitValue(), read(home, "err"));
        assertTrue(read(home, "out").contains("stopped serving: this runtime is no longer a cluster member (its "
                + "configuration was removed, or the cluster add-on stopped)"), read(home, "out"));
        assertTrue(read(home, "err").contains("rnnlab: this runtime left cluster it-removed-"), read(home, "err"));
        stopAll();
    }

    /**
     * Stops the members that serve (SIGTERM: they leave in order) and checks that no process is
     * left, and that no member, not even a killed one, left a temporary file outside its scratch
     * folder (which its next start would sweep).
     */
    private void stopAll() throws InterruptedException, IOException {
        for (Process p : started) {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "a member ends when asked to");
        }
        for (Process p : started) {
            assertFalse(p.isAlive() || p.descendants().anyMatch(ProcessHandle::isAlive), "no process is left behind");
        }
        try (Stream<Path> homes = Files.list(root)) {
            for (Path home : homes.toList()) {
                try (Stream<Path> temporary = Files.list(home.resolve("tmp"))) {
                    assertEquals(List.of(), temporary.map(f -> f.getFileName().toString())
                            .filter(f -> !f.matches("rnnlab-\\d+-\\d+")).toList(), home + ": temporary files outside the scratch folders");
                }
            }
        }
    }

    /** The table's rows without their seconds, which differ from one runtime to another, and the summary's rows. */
    private static List<String> results(String out) {
        int seconds = out.lines().filter(l -> l.startsWith("RUN ")).findFirst()
                .map(header -> List.of(header.trim().split("\\s{2,}")).indexOf("SECONDS")).orElse(-1);
        return out.lines().filter(l -> l.startsWith("g-") && l.contains("mse ") || l.contains(" ± ") && !l.contains("MEAN")).map(l -> {
            List<String> columns = new ArrayList<>(List.of(l.trim().split("\\s{2,}")));
            if (l.startsWith("g-")) {
                columns.remove(seconds);
            }
            return String.join(" | ", columns);
        }).toList();
    }

    private static List<String> csvWithoutSeconds(Path home) throws IOException {
        List<String> lines = Files.readAllLines(home.resolve("runs").resolve("g.csv"));
        int seconds = List.of(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(l -> {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(seconds);
            return String.join(",", cells);
        }).toList();
    }

    // ---- members and processes ------------------------------------------------------------

    /** A home whose drop-in/ holds the cluster add-on and the configuration of member {@code index}. */
    private static Path member(Path home, String cluster, int[] ports, int index, int slots) throws IOException {
        Path dropIn = Files.createDirectories(home.resolve("drop-in"));
        try (Stream<Path> jars = Files.list(ADD_ON)) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, dropIn.resolve(jar.getFileName()));
            }
        }
        String members = Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        Files.writeString(dropIn.resolve("org.rnnlab.cluster.cfg"), "name=" + cluster + "\nhost=127.0.0.1\nport="
                + ports[index] + "\nmembers=" + members + "\nslots=" + slots + "\n", StandardCharsets.UTF_8);
        return home;
    }

    /**
     * Distinct free loopback ports below Linux's ephemeral range (32768 and up). A member dials
     * peers that are not listening yet; such a connection's own local port comes from the
     * ephemeral range and, on loopback, can be the very port it dials (a self-connect), which then
     * holds the port a member was to bind. Ports below the range cannot be taken that way.
     */
    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> open = new ArrayList<>();
        java.util.Random random = new java.util.Random();
        try {
            for (int i = 0; i < count;) {
                int port = 20_000 + random.nextInt(12_000);
                try {
                    open.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
                    ports[i++] = port;
                } catch (IOException taken) {
                    // in use: try another
                }
            }
        } finally {
            for (ServerSocket socket : open) {
                socket.close();
            }
        }
        return ports;
    }

    /** SIGKILL to the runtime and to the launcher that started it. */
    private static void vanish(Process launcher) {
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
    }

    /**
     * Starts a runtime in {@code home} as a user does ({@code java -jar}, the launcher and the
     * runtime's own JVM), its temporary folder {@code home/tmp}.
     */
    private Process start(Path home, String... args) throws IOException {
        Path temporary = Files.createDirectories(home.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.osgi.service.http.port=0", "-Djava.io.tmpdir=" + temporary,
                "-jar", JAR.toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(home.resolve("out.txt").toFile()).redirectError(home.resolve("err.txt").toFile()).start();
        process.getOutputStream().close();
        started.add(process);
        return process;
    }

    private static String read(Path home, String stream) throws IOException {
        return Files.readString(home.resolve(stream + ".txt"), StandardCharsets.UTF_8);
    }

    private static void awaitOutput(Path home, Process process, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!read(home, "out").contains(text)) {
            assertTrue(process.isAlive(), () -> "the runtime ended early: " + safely(() -> read(home, "err")));
            if (System.nanoTime() > deadline) {
                fail("no '" + text + "' within a minute:\n" + read(home, "out"));
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the member has autosaved a run it trains for the cluster: it is mid-run. */
    private static void awaitAutosave(Path home, Process member) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            assertTrue(member.isAlive(), () -> "the member ended early: " + safely(() -> read(home, "err")));
            try (Stream<Path> files = Files.walk(home.resolve("runs"))) {
                if (files.anyMatch(f -> f.getFileName().toString().matches("step-0*[1-9]\\d*\\.ckpt"))) {
                    return;
                }
            } catch (java.io.UncheckedIOException e) {
                // a folder went away while listed: look again
            }
            Thread.sleep(50);
        }
        fail("the member autosaved no run within a minute:\n" + read(home, "out") + read(home, "err"));
    }

    private interface Text {
        String get() throws IOException;
    }

    private static String safely(Text text) {
        try {
            return text.get();
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
