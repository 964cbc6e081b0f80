package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged runtime in its console, fed commands through a pipe (the console falls back to
 * a dumb terminal), its output collected line by line. Its dashboard listens on a free port of
 * 127.0.0.1. Closing it ends the process and its children, also when a test failed.
 */
final class PipedRuntime implements AutoCloseable {
    private static final Path JAR = Path.of("target", "rnnlab.jar").toAbsolutePath();

    private final Process process;
    private final Writer commands;
    private final List<String> lines = new ArrayList<>();

    PipedRuntime(Path home, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Drnnlab.relaunch=false");
        command.add("-Dorg.osgi.service.http.port=0");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString(), "--home", home.toString()));
        process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::collect, "runtime output");
        reader.setDaemon(true);
        reader.start();
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    /** Waits for an output line (after line {@code from}) that {@code pattern} finds something in. */
    Matcher await(Pattern pattern, int from) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (lines) {
            for (int i = from;; ) {
                for (; i < lines.size(); i++) {
                    Matcher m = pattern.matcher(lines.get(i));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && i >= lines.size()) {
                    fail("no output line matched " + pattern + " within 60 s; the runtime said:\n" + String.join("\n", lines));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 200_000_000L))));
            }
        }
    }

    /** The number of output lines so far: pass it to {@link #await} to look only at what follows. */
    int mark() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** The dashboard's address, as rnn:dashboard prints it. */
    String dashboard() throws IOException, InterruptedException {
        int from = mark();
        send("rnn:dashboard");
        return await(Pattern.compile("dashboard: (http://\\S+?)/?(\\s|$)"), from).group(1);
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
