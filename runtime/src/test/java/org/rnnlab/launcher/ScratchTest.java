package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    /** Above Linux's largest process id (2^22): never a running process. */
    private static final long DEAD = 2_147_483_647L;

    @TempDir
    Path temporary;

    @Test
    void aProcessMakesItsOwnFolderAndRemovesItWhole() throws Exception {
        Path scratch = Scratch.create(temporary);
        assertTrue(scratch.getFileName().toString().startsWith("rnnlab-" + ProcessHandle.current().pid() + "-"),
                scratch.toString());
        Path cache = Files.createDirectories(scratch.resolve("felix-cache").resolve("bundle1"));
        Files.writeString(cache.resolve("bundle.jar"), "x");
        Scratch.delete(scratch);
        assertFalse(Files.exists(scratch));
        Scratch.delete(scratch); // the shutdown hook may remove it a second time
    }

    @Test
    void aStartRemovesTheFoldersOfEndedProcessesOnly() throws Exception {
        Path dead = Files.createDirectories(temporary.resolve("rnnlab-" + DEAD + "-123").resolve("felix-cache"));
        Files.writeString(dead.resolve("cache.lock"), "x");
        Path alive = Files.createDirectories(temporary.resolve("rnnlab-" + ProcessHandle.current().pid() + "-456"));
        Path other = Files.createDirectories(temporary.resolve("rnnlab-cluster-789"));
        Path file = Files.writeString(temporary.resolve("rnnlab-" + DEAD + "-file"), "not a folder");
        Path mine = Scratch.create(temporary);
        try (Stream<Path> left = Files.list(temporary)) {
            assertEquals(Set.of(alive, other, file, mine), left.collect(Collectors.toSet()),
                    "only the ended process's folder is gone");
        }
    }
}
