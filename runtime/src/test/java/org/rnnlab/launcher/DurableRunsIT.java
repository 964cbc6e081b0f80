package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs survive the process: the packaged runtime autosaving every step, killed with SIGKILL at
 * random moments (many of them during the write of a multi-megabyte checkpoint), recovers each
 * time from its newest checkpoint, leaves no temporary file behind, and the recovered run goes
 * on exactly as a run that was never interrupted (its checkpoint is byte for byte the same). The
 * runtime JVM also ends, saving its runs, when its launcher is killed or when it gets SIGTERM.
 */
class DurableRunsIT {
    private static final Path JAR = Path.of("target", "rnnlab.jar").toAbsolutePath();
    /** A model whose checkpoint is about 2.5 MB, autosaved after every step. */
    private static final String SPEC = "task=adding length=20 cell=lstm hidden=160 batch=16 seed=5 report=1000000"
            + " checkpoint.every=1 checkpoint.keep=2";
    private static final Pattern RECOVERED_AT = Pattern.compile("step-0*(\\d+)\\.ckpt at step (\\d+)");
    private static final int KILLS = 10;

    @TempDir
    Path home;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void killedAtRandomMomentsTheRunRecoversAndContinuesBitForBit() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long lastStep = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            String commands = kill == 0 ? "rnn:train name=k " + SPEC + " steps=100000000"
                    : "rnn:recover k; rnn:start k steps=100000000; rnn:await k";
            Process runtime = start(List.of("-Drnnlab.relaunch=false"), "-c", commands);
            // a new checkpoint beyond the newest: the run was recovered (else the process ends) and trains on
            waitForCheckpoint("k", lastStep, runtime);
            Thread.sleep(random.nextInt(1500)); // a random moment; saves go on all the time
            runtime.destroyForcibly(); // SIGKILL: no hook runs
            assertTrue(runtime.waitFor(30, TimeUnit.SECONDS));
            lastStep = newestStep("k");
        }

        Result last = run(List.of("-Drnnlab.relaunch=false"), "-c",
                "rnn:recover k; rnn:start k steps=3; rnn:await k; rnn:save k resumed.ckpt");
        assertEquals(0, last.code(), last.err());
        assertEquals(List.of(), temporaries(), "no temporary file is left behind");
        Matcher m = RECOVERED_AT.matcher(last.out());
        assertTrue(m.find(), last.out());
        long from = Long.parseLong(m.group(2));
        assertEquals(lastStep, from, "the newest checkpoint at the last kill was recovered");

        Result straight = run(List.of("-Drnnlab.relaunch=false"), "-c",
                "rnn:new s " + SPEC + " steps=100000000; rnn:start s steps=" + (from + 3) + "; rnn:await s; rnn:save s straight.ckpt");
        assertEquals(0, straight.code(), straight.err());
        assertEquals(-1L, Files.mismatch(home.resolve("resumed.ckpt"), home.resolve("straight.ckpt")),
                "seed " + seed + ": the run recovered at step " + from + " and trained 3 more steps equals one never"
                        + " interrupted, bit for bit");
    }

    /**
     * An experiment killed part way continues with resume= and ends with the table of one never
     * interrupted, steps to target included (kept in runs/NAME.progress: the reports before a
     * checkpoint are not made again), and a run that had finished keeps the time it trained.
     */
    @Test
    void aKilledExperimentResumesToTheSameTable() throws Exception {
        String grid = "task=adding length=20 hidden=24 steps=300 checkpoint.every=25 cell=rnn-tanh cell=lstm seed=1 seed=2"
                + " target=0.2";
        Process killed = start(List.of("-Drnnlab.relaunch=false"), "-c", "rnn:experiment name=e " + grid);
        waitForCheckpoint("e-3", 0, killed); // the first two have finished, the third is under way
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));

        Result resumed = run(List.of("-Drnnlab.relaunch=false"), "-c", "rnn:experiment resume=e");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("e-1 had finished: 300 steps"), resumed.out());
        Result straight = run(List.of("-Drnnlab.relaunch=false"), "-c", "rnn:experiment name=f " + grid);
        assertEquals(0, straight.code(), straight.err());
        List<String> expected = resultColumns(straight.out(), "f-");
        assertEquals(4, expected.size(), straight.out());
        assertEquals(expected, resultColumns(resumed.out(), "e-"));
        assertTrue(expected.stream().allMatch(row -> !row.endsWith("| -")), "every run reached the target: " + expected);
        String first = resumed.out().lines().filter(l -> l.startsWith("e-1 ") && l.contains("mse ")).findFirst().orElseThrow();
        String[] columns = first.trim().split("\\s{2,}");
        // the seconds it trained before the kill, kept in runs/e.progress (a short run may show 0.0 at one decimal)
        java.util.Properties progress = new java.util.Properties();
        try (java.io.Reader in = Files.newBufferedReader(home.resolve("runs").resolve("e.progress"))) {
            progress.load(in);
        }
        double trained = Double.parseDouble(progress.getProperty("e-1.seconds", "0"));
        assertTrue(trained > 0, "e-1's seconds are kept: " + progress);
        assertEquals(trained, Double.parseDouble(columns[columns.length - 2]), 0.05 + 1e-9,
                "e-1 keeps the seconds it trained: " + first);
    }

    /** The table's rows without the run's name and its seconds (the column before steps to target): what the runs computed. */
    private static List<String> resultColumns(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix) && l.contains("mse ")).map(l -> {
            List<String> columns = new java.util.ArrayList<>(List.of(l.trim().split("\\s{2,}")));
            columns.remove(columns.size() - 2);
            return String.join(" | ", columns.subList(1, columns.size()));
        }).toList();
    }

    @Test
    void killingTheLauncherEndsTheRuntimeWhichSavesItsRun() throws Exception {
        Process launcher = start(List.of(), "-c", "rnn:train name=orphan task=adding length=20 hidden=32 steps=100000000");
        Path folder = home.resolve("runs").resolve("orphan");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        List<ProcessHandle> children = List.of();
        while (children.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            children = launcher.descendants().toList();
        }
        assertTrue(!children.isEmpty(), "the launcher started the runtime JVM");
        Thread.sleep(3000); // training
        launcher.destroyForcibly();
        for (ProcessHandle child : children) {
            child.onExit().get(20, TimeUnit.SECONDS);
            assertTrue(!child.isAlive(), "the runtime JVM ended with its launcher");
        }
        assertTrue(Files.isDirectory(folder), "the run was saved as the runtime stopped");
        Result recovered = run(List.of("-Drnnlab.relaunch=false"), "-c", "rnn:recover orphan; rnn:status orphan");
        assertEquals(0, recovered.code(), recovered.err());
        assertTrue(recovered.out().contains("recovered orphan"), recovered.out());
    }

    /** SIGTERM to the runtime's JVM, and to the launcher (as `timeout` or a service manager sends it). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sigtermSavesTheLiveRunAndSaysSo(boolean throughTheLauncher) throws Exception {
        List<String> options = throughTheLauncher ? List.of() : List.of("-Drnnlab.relaunch=false");
        Process process = start(options, "-c", "rnn:train name=g task=adding length=20 hidden=32 steps=100000000");
        Thread.sleep(4000);
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        for (ProcessHandle child : process.descendants().toList()) {
            child.onExit().get(30, TimeUnit.SECONDS);
        }
        String err = errors(process);
        assertTrue(err.contains("rnnlab: saved run g to runs/g/step-"), err);
        assertTrue(err.contains("rnn:recover g continues it"), err);
        assertTrue(!err.contains("Exception") && !err.contains("\tat "), err);
        assertFalse(Files.exists(home.resolve("rnnlab.log.lck")), "the log's lock file goes with the runtime");
        Result next = run(List.of("-Drnnlab.relaunch=false"), "-c", "rnn:runs");
        assertTrue(next.err().contains("autosaved checkpoints of 1 run(s): g; rnn:recover [NAME] continues them"), next.err());
    }

    // ---- processes -------------------------------------------------------------------------

    record Result(int code, String out, String err) {
    }

    private Process start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // any free port for the dashboard: a lab open on this machine keeps the default one
        command.add("-Dorg.osgi.service.http.port=0");
        command.addAll(List.of("-jar", JAR.toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        int n = started.size();
        Process process = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(home.resolve("out-" + n + ".txt").toFile())
                .redirectError(home.resolve("err-" + n + ".txt").toFile()).start();
        process.getOutputStream().close();
        started.add(process);
        return process;
    }

    private Result run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Process process = start(jvmOptions, args);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            fail("the runtime did not finish within 3 minutes: " + String.join(" ", args));
        }
        return new Result(process.exitValue(), output(process), errors(process));
    }

    private String output(Process process) throws IOException {
        return Files.readString(home.resolve("out-" + started.indexOf(process) + ".txt"), StandardCharsets.UTF_8);
    }

    private String errors(Process process) throws IOException {
        return Files.readString(home.resolve("err-" + started.indexOf(process) + ".txt"), StandardCharsets.UTF_8);
    }

    /** Waits until run's folder holds a checkpoint beyond {@code step}; returns its step. */
    private long waitForCheckpoint(String run, long step, Process runtime) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            assertTrue(runtime.isAlive(), () -> "the runtime ended early: " + safely(() -> errors(runtime)));
            long newest = newestStep(run);
            if (newest > step) {
                return newest;
            }
            Thread.sleep(50);
        }
        fail("no checkpoint beyond step " + step + " within a minute");
        return -1;
    }

    private long newestStep(String run) throws IOException {
        Path folder = home.resolve("runs").resolve(run);
        if (!Files.isDirectory(folder)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("step-\\d+\\.ckpt"))
                    .mapToLong(n -> Long.parseLong(n.substring(5, n.length() - 5))).max().orElse(-1);
        }
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve("runs"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private interface IoSupplier {
        String get() throws IOException;
    }

    private static String safely(IoSupplier supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
