package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
    @TempDir
    Path folder;

    @Test
    void firstStartWritesTheArchiveAtExitLaterStartsUseIt() throws IOException {
        Path jar = Files.writeString(folder.resolve("rnnlab.jar"), "jar");
        ClassArchive first = ClassArchive.in(folder, jar, "-XX:A");
        String dump = first.jvmOptions().get(0);
        assertTrue(dump.startsWith("-XX:ArchiveClassesAtExit="), dump);
        assertTrue(first.jvmOptions().contains("-Xlog:cds*=off"));

        Files.writeString(Path.of(dump.substring(dump.indexOf('=') + 1)), "archive"); // what the JVM does at exit
        first.keep(0);

        ClassArchive second = ClassArchive.in(folder, jar, "-XX:A");
        assertEquals(first.file(), second.file());
        assertEquals(List.of("-XX:SharedArchiveFile=" + second.file(), "-Xlog:cds*=off"), second.jvmOptions());
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheOldOneGoes() throws IOException {
        Path jar = Files.writeString(folder.resolve("rnnlab.jar"), "jar");
        ClassArchive old = ClassArchive.in(folder, jar, "-XX:A");
        writeAndKeep(old);
        Path otherJar = Files.writeString(Files.createDirectory(folder.resolve("other")).resolve("rnnlab.jar"), "jar");
        ClassArchive unrelated = ClassArchive.in(folder, otherJar, "-XX:A");
        writeAndKeep(unrelated);

        Files.writeString(jar, "rebuilt jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        ClassArchive rebuilt = ClassArchive.in(folder, jar, "-XX:A");
        assertNotEquals(old.file(), rebuilt.file());
        writeAndKeep(rebuilt);

        assertFalse(Files.exists(old.file()), "the archive of the old jar is deleted");
        assertTrue(Files.exists(rebuilt.file()));
        assertTrue(Files.exists(unrelated.file()), "another jar's archive stays");
    }

    @Test
    void otherJvmFlagsGetAnotherArchive() throws IOException {
        Path jar = Files.writeString(folder.resolve("rnnlab.jar"), "jar");
        assertNotEquals(ClassArchive.in(folder, jar, "-XX:A").file(), ClassArchive.in(folder, jar, "-XX:B").file());
    }

    @Test
    void nothingWrittenNothingKept() throws IOException {
        Path jar = Files.writeString(folder.resolve("rnnlab.jar"), "jar");
        ClassArchive archive = ClassArchive.in(folder, jar, "-XX:A");
        archive.keep(0);
        assertFalse(Files.exists(archive.file()));
    }

    @Test
    void anArchiveCutShortBySigkillOrACrashIsDropped() throws IOException {
        Path jar = Files.writeString(folder.resolve("rnnlab.jar"), "jar");
        ClassArchive archive = ClassArchive.in(folder, jar, "-XX:A");
        String dump = archive.jvmOptions().get(0);
        Path pending = Path.of(dump.substring(dump.indexOf('=') + 1));
        Files.writeString(pending, "half an archive");
        archive.keep(128 + 9);
        assertFalse(Files.exists(pending));
        assertFalse(Files.exists(archive.file()));
        assertTrue(ClassArchive.completeAfter(0) && ClassArchive.completeAfter(1) && ClassArchive.completeAfter(130)
                && ClassArchive.completeAfter(143));
        assertFalse(ClassArchive.completeAfter(134) || ClassArchive.completeAfter(137) || ClassArchive.completeAfter(139));
    }

    @Test
    void leftoversOfJvmsThatNoLongerRunAreCleanedUp() throws IOException {
        Path jar = Files.writeString(folder.resolve("rnnlab.jar"), "jar");
        ClassArchive archive = ClassArchive.in(folder, jar, "-XX:A");
        Path dead = folder.resolve(archive.file().getFileName() + "." + Long.MAX_VALUE + ".tmp");
        long running = ProcessHandle.current().parent().orElseThrow().pid();
        Path busy = folder.resolve(archive.file().getFileName() + "." + running + ".tmp");
        Files.writeString(dead, "left by a killed JVM");
        Files.writeString(busy, "being written by a JVM that still runs");
        writeAndKeep(archive);
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(busy));
        assertTrue(Files.exists(archive.file()));
    }

    @Test
    void theUsersOwnSharingOptionsWin() {
        assertTrue(ClassArchive.wanted(List.of("-Xmx1g")));
        assertFalse(ClassArchive.wanted(List.of("-Xshare:off")));
        assertFalse(ClassArchive.wanted(List.of("-XX:SharedArchiveFile=/tmp/a.jsa")));
        assertFalse(ClassArchive.wanted(List.of("-XX:ArchiveClassesAtExit=/tmp/a.jsa")));
    }

    private static void writeAndKeep(ClassArchive archive) throws IOException {
        String dump = archive.jvmOptions().get(0);
        Files.writeString(Path.of(dump.substring(dump.indexOf('=') + 1)), "archive");
        archive.keep(0);
    }
}
