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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher as users start it: {@code java -jar rnnlab.jar -c ...} in a fresh
 * process (run by Surefire in the integration-test phase, after the jar is built).
 */
class LauncherIT {
    private static final Path JAR = Path.of("target", "rnnlab.jar").toAbsolutePath();

    @TempDir
    Path home;

    @TempDir
    Path cache;

    record Result(int code, String out, String err) {
    }

    @Test
    void theJarStartsAJvmWithTheVectorApiQuietlyAndCachesItsClasses() throws Exception {
        Result first = launch("-c", "rnn:components backends");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("java-vector"), first.out());
        assertFalse(first.err().contains("incubator"), first.err());
        assertEquals(1, archives().size(), "the first start leaves its class-data archive");
        assertTrue(Files.size(home.resolve("rnnlab.log")) > 0);
        assertFalse(Files.exists(home.resolve("rnnlab.log.lck")), "the log's lock file goes with the runtime");

        Result second = launch("-c", "rnn:components backends");
        assertEquals(0, second.code(), second.err());
        assertEquals(first.out(), second.out());
        assertEquals("", second.err());
    }

    @Test
    void optingOutKeepsOneJvmWithoutTheVectorBackend() throws Exception {
        Result result = launch(List.of("-Drnnlab.relaunch=false"), "-c", "rnn:components backends");
        assertEquals(0, result.code(), result.err());
        assertFalse(result.out().contains("java-vector"), result.out());
        assertTrue(archives().isEmpty());
    }

    @Test
    void exitCodesAndOneLineErrorsComeThroughTheChild() throws Exception {
        Result failed = launch("-c", "rnn:train cell=nosuch");
        assertEquals(1, failed.code());
        assertEquals("error: unknown cell 'nosuch'; accepted: esn, gru, lstm, mgu, mingru, rnn-relu, rnn-tanh",
                failed.err().strip());

        Result exit = launch("-c", "rnn:runs; exit 3; rnn:runs");
        assertEquals(3, exit.code(), exit.err());
        assertEquals("", exit.err());
        for (String bad : new String[] {"abc", "300", "-1"}) {
            Result refused = launch("-c", "exit " + bad);
            assertEquals(1, refused.code(), refused.err());
            assertEquals("error: exit " + bad + " is not accepted; CODE is a whole number in [0, 255]",
                    refused.err().strip());
        }

        Result usage = launch("--bogus");
        assertEquals(2, usage.code());
        assertTrue(usage.err().startsWith("rnnlab: unknown argument '--bogus'\nusage: "), usage.err());
    }

    @Test
    void bundleCommandsTakeBundleIdsUnderDashCTooAndTyposAreNamed() throws Exception {
        Result list = launch("-c", "lb");
        java.util.regex.Matcher shell = java.util.regex.Pattern.compile("(?m)^\\s*(\\d+)\\|Active.*rnnlab shell")
                .matcher(list.out());
        assertTrue(shell.find(), list.out());
        String id = shell.group(1);
        Result cycled = launch("-c", "stop " + id + "; start " + id + "; update " + id + "; headers " + id + "; rnn:runs");
        assertEquals(0, cycled.code(), cycled.err());
        assertTrue(cycled.out().contains("Bundle-Name = rnnlab shell"), cycled.out());
        assertTrue(cycled.out().contains("no runs;"), "the rnn commands answer after the restart: " + cycled.out());

        Result typo = launch("-c", "rnn:stauts");
        assertEquals(1, typo.code());
        assertEquals("error: unknown command 'rnn:stauts'; did you mean rnn:status? (help lists every command)",
                typo.err().strip());

        // arguments that fit none of a Felix command's forms: one line in words, not Gogo's Java types
        Result misfits = launch("-c", "stop 999");
        assertEquals(1, misfits.code());
        assertEquals("error: stop: no bundle has id 999 (lb lists them)", misfits.err().strip());
        assertEquals("error: lb: 'abc def' does not fit what it takes; help lb shows its options and arguments",
                launch("-c", "lb abc def;rnn:runs").err().strip(), "the words of lb's own part of the statement");
        // a Felix command that answers its failure as text fails the script too, in words
        Result answered = launch("-c", "start 0; start abc; rnn:runs");
        assertEquals(1, answered.code());
        assertEquals("error: start: 'abc' is neither a bundle id nor a location to install from (a URL, such as "
                + "file:/path/to/bundle.jar)", answered.err().strip());
        assertFalse(answered.out().contains("no runs"), "the script stops at the failure: " + answered.out());
        Result bare = launch("-c", "start");
        assertEquals(1, bare.code());
        assertEquals("error: start: Please specify the bundles to start.", bare.err().strip());
    }

    /**
     * A jar in drop-in/ that is no bundle, or a bundle that cannot resolve, is named on the terminal
     * in one line each with the framework's reason, and -c does not wait for it.
     */
    @Test
    void aBrokenDropInIsNamedInOneLineAndHoldsNothingUp() throws Exception {
        long clean = System.nanoTime();
        assertEquals(0, launch("-c", "rnn:runs").code());
        double withoutDropIns = (System.nanoTime() - clean) / 1e9;
        Path dropIn = Files.createDirectories(home.resolve("drop-in"));
        byte[] noise = new byte[5000];
        new java.util.Random(1).nextBytes(noise);
        Files.write(dropIn.resolve("corrupt.jar"), noise);
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "example.unresolved");
        manifest.getMainAttributes().putValue("Import-Package", "com.nowhere.missing");
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(dropIn.resolve("unresolved.jar")), manifest)) {
            jar.flush();
        }

        long started = System.nanoTime();
        Result result = launch("-c", "rnn:runs");
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(0, result.code(), result.err());
        List<String> lines = result.err().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("rnnlab: drop-in: ") && l.contains("corrupt.jar")), result.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("rnnlab: drop-in: ") && l.contains("unresolved.jar")
                && l.contains("com.nowhere.missing")), result.err());
        assertTrue(!result.err().contains("Exception") && !result.err().contains("\tat "), result.err());
        // -c waits up to 10 s for drop-ins to become active; a named failure is not waited for
        assertTrue(seconds < withoutDropIns + 6, seconds + " s against " + withoutDropIns + " s without drop-ins");
    }

    @Test
    void aNewHomeFolderIsMadeAndAFileIsRefused() throws Exception {
        Path fresh = home.resolve("labs").resolve("first");
        Result made = launchIn(fresh, "-c", "rnn:runs");
        assertEquals(0, made.code(), made.err());
        assertEquals("rnnlab: made the home folder " + fresh, made.err().strip());
        assertTrue(Files.isDirectory(fresh.resolve("drop-in")));

        Path file = Files.writeString(home.resolve("a-file"), "x");
        Result refused = launchIn(file, "-c", "rnn:runs");
        assertEquals(1, refused.code());
        assertEquals("rnnlab: the home " + file + " is a file, not a folder", refused.err().strip());
    }

    /**
     * The framework cache and every temporary file live in a scratch folder per process
     * (Scratch): a start removes its own when the runtime stops, and those of processes killed
     * before they could. The native backend extracts a JNI library, FileInstall makes a folder:
     * nothing is left of either.
     */
    @Test
    void aStartLeavesNoScratchFolderAndSweepsAKilledOnes(@TempDir Path temporary) throws Exception {
        Path killed = Files.createDirectories(temporary.resolve("rnnlab-2147483647-1").resolve("felix-cache"));
        Files.writeString(killed.resolve("bundle.jar"), "x");
        Result result = launch(List.of("-Djava.io.tmpdir=" + temporary), "-c",
                "rnn:train task=adding length=5 hidden=4 steps=2 backend=native");
        assertEquals(0, result.code(), result.err());
        try (Stream<Path> left = Files.list(temporary)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(),
                    "the run's own scratch folder, its temporary files and the killed one's folder are gone");
        }
    }

    private Result launch(String... args) throws IOException, InterruptedException {
        return launch(List.of(), args);
    }

    private Result launch(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return launch(jvmOptions, home, args);
    }

    private Result launchIn(Path homeFolder, String... args) throws IOException, InterruptedException {
        return launch(List.of(), homeFolder, args);
    }

    private Result launch(List<String> jvmOptions, Path homeFolder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // any free port for the dashboard: a lab open on this machine keeps the default one
        command.add("-Dorg.osgi.service.http.port=0");
        command.addAll(List.of("-jar", JAR.toString(), "--home", homeFolder.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close(); // -c never reads standard input
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the launcher did not finish within 2 minutes: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<Path> archives() throws IOException {
        Path folder = cache.resolve("rnnlab");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jsa")).toList();
        }
    }
}
