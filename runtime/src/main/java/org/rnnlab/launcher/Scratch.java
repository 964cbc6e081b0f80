package org.rnnlab.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runtime's scratch folder: Felix's bundle cache (about 35 MB), the shell's profile and every
 * temporary file of the process, one folder per process, {@code rnnlab-PID-*} in the system's
 * temporary folder. {@code java -jar} makes it in the launching JVM and starts the runtime's JVM
 * with it as {@code java.io.tmpdir} ({@link Relaunch}): the JDK fixes that property as a JVM
 * starts, and netlib's extracted JNI library and the cluster's checkpoint files follow it only
 * then. The runtime removes the folder once the framework has stopped, the launcher once the
 * runtime has ended; if both were killed (kill -9) the next start removes every such folder whose
 * process (the launcher's) no longer runs. With {@code -Drnnlab.relaunch=false} the runtime makes
 * its own and points the property there for code that reads it; the JDK's temporary files then
 * go to the JVM's temporary folder. (Until this was written each start left its cache
 * behind: a day of benchmarks and tests here left 5,500 of them and filled the disk.)
 */
final class Scratch {
    private static final Pattern NAME = Pattern.compile("rnnlab-(\\d+)-.*");

    private Scratch() {
    }

    /**
     * Removes the folders of processes that have ended, then makes this process's folder, readable
     * by its owner only. Made without {@code Files.createTempDirectory}, which would fix the JDK's
     * temporary folder for the rest of the process before the launcher can point it here.
     */
    static Path create(Path temporary) throws IOException {
        sweep(temporary);
        String prefix = "rnnlab-" + ProcessHandle.current().pid() + "-";
        // createDirectory refuses a name that exists, so a guessable name costs only a retry.
        java.util.Random random = java.util.concurrent.ThreadLocalRandom.current();
        boolean posix = temporary.getFileSystem().supportedFileAttributeViews().contains("posix");
        while (true) {
            Path folder = temporary.resolve(prefix + Long.toUnsignedString(random.nextLong()));
            try {
                return posix ? Files.createDirectory(folder, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")))
                        : Files.createDirectory(folder);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /** {@link #create(Path)} in the system's temporary folder ({@code java.io.tmpdir}). */
    static Path create() throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Removes every scratch folder in {@code temporary} whose process has ended. */
    static void sweep(Path temporary) {
        try (Stream<Path> entries = Files.list(temporary)) {
            entries.filter(Scratch::orphaned).forEach(Scratch::delete);
        } catch (IOException | SecurityException e) {
            // a temporary folder we cannot list holds nothing we could remove
        }
    }

    /** Removes a scratch folder and all it holds, as far as it can (a file in use stays). */
    static void delete(Path folder) {
        try (Stream<Path> tree = Files.walk(folder)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // another process, or the shutdown hook, is removing it too
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // already gone, or being removed elsewhere
        }
    }

    private static boolean orphaned(Path entry) {
        Matcher name = NAME.matcher(entry.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.group(1));
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
