package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RelaunchTest {
    @Test
    void jvmOptionsAreTheArgumentsBeforeJar() {
        assertEquals(Optional.of(List.of("-Xmx2g", "-Dx=1")),
                Relaunch.jvmOptions(List.of("-Xmx2g", "-Dx=1", "-jar", "rnnlab.jar", "-c", "rnn:runs")));
        assertEquals(Optional.of(List.of()), Relaunch.jvmOptions(List.of("-jar", "rnnlab.jar")));
        assertEquals(Optional.empty(), Relaunch.jvmOptions(List.of("-cp", "rnnlab.jar", "org.rnnlab.launcher.Main")));
    }

    @Test
    void childCommandPutsRnnlabOptionsFirstSoTheUsersWin() {
        List<String> command = Relaunch.command(Path.of("/jdk/bin/java"), Path.of("/x/rnnlab.jar"),
                List.of("-Xmx2g", "-XX:CompileThresholdScaling=1"), Optional.empty(), Path.of("/tmp/rnnlab-7-1"),
                new String[] {"-c", "rnn:runs"});
        assertEquals(List.of("/jdk/bin/java", "-Drnnlab.relaunch=false",
                "-Drnnlab.parent=" + ProcessHandle.current().pid(), "-Drnnlab.scratch=/tmp/rnnlab-7-1",
                "--add-modules=jdk.incubator.vector", "-XX:CompileThresholdScaling=10", "-XX:-UsePerfData", "-Xmx2g",
                "-XX:CompileThresholdScaling=1", "-Djava.io.tmpdir=/tmp/rnnlab-7-1", "-jar", "/x/rnnlab.jar",
                "-c", "rnn:runs"), command);
    }

    @Test
    void childNeverRelaunchesAgain() {
        String before = System.getProperty(Relaunch.PROPERTY);
        System.setProperty(Relaunch.PROPERTY, "false");
        try {
            assertTrue(Relaunch.plan(new String[0]).isEmpty());
        } finally {
            if (before == null) {
                System.clearProperty(Relaunch.PROPERTY);
            } else {
                System.setProperty(Relaunch.PROPERTY, before);
            }
        }
    }

    @Test
    void openBlasGetsOneThreadUnlessTheUserChoseOtherwise() {
        Map<String, String> environment = new HashMap<>();
        Relaunch.withRnnlabEnvironment(environment);
        assertEquals("1", environment.get("OPENBLAS_NUM_THREADS"));
        environment.put("OPENBLAS_NUM_THREADS", "2");
        Relaunch.withRnnlabEnvironment(environment);
        assertEquals("2", environment.get("OPENBLAS_NUM_THREADS"));
    }

    @Test
    void theIncubatorWarningIsDroppedAndEverythingElseKept() {
        assertEquals("error: unknown cell 'x'\n",
                forwarded(Relaunch.INCUBATOR_WARNING + "\nerror: unknown cell 'x'\n"));
        assertEquals("", forwarded(Relaunch.INCUBATOR_WARNING + "\n"));
    }

    @Test
    void otherFirstLinesAndLaterWarningsPassUnchanged() {
        String text = "error: one\n" + Relaunch.INCUBATOR_WARNING + "\ntail without newline";
        assertEquals(text, forwarded(text));
        assertEquals("", forwarded(""));
    }

    @Test
    void aPipeClosedUnderTheReaderEndsTheCopyQuietlyKeepingWhatCameBefore() {
        java.io.InputStream closing = new java.io.InputStream() {
            private final java.io.InputStream lines = new ByteArrayInputStream(
                    "saved run t\n".getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws java.io.IOException {
                int b = lines.read();
                if (b < 0) {
                    throw new java.io.IOException("Stream closed");
                }
                return b;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Relaunch.forwardErrors(closing, out);
        assertEquals("saved run t\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailingErrorStreamStillDrainsTheChildsPipe() {
        java.io.InputStream lines = new ByteArrayInputStream("x\n".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        Relaunch.forwardErrors(lines, broken);
        assertEquals(0, unread(lines), "everything the child wrote was read");
    }

    private static int unread(java.io.InputStream in) {
        try {
            return in.available();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String forwarded(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Relaunch.forwardErrors(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
