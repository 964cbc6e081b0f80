package org.rnnlab.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The class-data-sharing archive of the runtime's JVM (JEP 350, dynamic AppCDS): the first start
 * writes it at exit, later starts map the framework's and the JDK's classes instead of loading
 * and verifying them again, which saves about a quarter of a second before the prompt.
 * <p>
 * It lives in the user's cache folder ({@code $XDG_CACHE_HOME/rnnlab}, else
 * {@code ~/.cache/rnnlab}), named after the jar's path, size and time and the JVM, so a rebuilt
 * jar or another JDK gets a new archive and the old one is deleted. The JVM writes to a private
 * file that is renamed into place only once complete, so concurrent first starts cannot see a
 * half-written archive. The JVM rejects an archive that does not match by itself; its messages
 * about the archive are turned off ({@code -Xlog:cds*=off}) because they are not the user's
 * business. Anything that fails here only costs start-up time.
 */
final class ClassArchive {
    private final Path file;
    private final Path pending;

    private ClassArchive(Path file, Path pending) {
        this.file = file;
        this.pending = pending;
    }

    /** False when the user's own JVM options already decide about class data sharing. */
    static boolean wanted(List<String> userJvmOptions) {
        return userJvmOptions.stream().noneMatch(o -> o.startsWith("-Xshare") || o.contains("SharedArchiveFile")
                || o.contains("ArchiveClassesAtExit"));
    }

    static Optional<ClassArchive> forLauncher(Path jar, String jvmFlags) {
        try {
            return Optional.of(in(cacheFolder(), jar, jvmFlags));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static ClassArchive in(Path folder, Path jar, String jvmFlags) throws IOException {
        Path absolute = jar.toAbsolutePath().normalize();
        String family = "rnnlab-" + hex(absolute.toString().hashCode());
        String build = hex(Objects.hash(Files.size(absolute), Files.getLastModifiedTime(absolute).toMillis(),
                System.getProperty("java.home"), System.getProperty("java.vm.version"), jvmFlags));
        Path file = folder.resolve(family + "-" + build + ".jsa");
        return new ClassArchive(file, folder.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp"));
    }

    private static Path cacheFolder() throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        if (!base.isAbsolute()) {
            throw new IOException("no cache folder: " + base); // e.g. a user without a home: no archive then
        }
        return Files.createDirectories(base.resolve("rnnlab"));
    }

    Path file() {
        return file;
    }

    /** Use the archive when it exists, otherwise have the JVM write it when it exits. */
    List<String> jvmOptions() {
        return Files.isRegularFile(file)
                ? List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds*=off")
                : List.of("-XX:ArchiveClassesAtExit=" + pending, "-Xlog:cds*=off");
    }

    /**
     * After the child exits with {@code exitCode}: moves a newly written archive into place and
     * deletes outdated ones. The JVM writes the archive on every exit it controls (normal, or
     * SIGINT, SIGHUP, SIGTERM: 128 + signal); after SIGKILL or a crash the file may be cut short
     * and is deleted instead.
     */
    void keep(int exitCode) {
        if (!Files.isRegularFile(pending)) {
            return;
        }
        if (!completeAfter(exitCode)) {
            deleteQuietly(pending);
            return;
        }
        String name = file.getFileName().toString();
        String family = name.substring(0, name.lastIndexOf('-') + 1);
        try {
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> siblings = Files.list(file.getParent())) {
                siblings.filter(p -> p.getFileName().toString().startsWith(family) && outdated(p))
                        .forEach(ClassArchive::deleteQuietly);
            }
        } catch (IOException e) {
            deleteQuietly(pending);
        }
    }

    static boolean completeAfter(int exitCode) {
        return exitCode >= 0 && exitCode < 128 || exitCode == 128 + 1 || exitCode == 128 + 2 || exitCode == 128 + 15;
    }

    /** Another build's archive, or one a JVM that no longer runs left half-way. */
    private boolean outdated(Path sibling) {
        String name = sibling.getFileName().toString();
        if (name.endsWith(".jsa")) {
            return !sibling.equals(file);
        }
        if (name.endsWith(".tmp")) {
            String[] parts = name.split("\\.");
            try {
                return ProcessHandle.of(Long.parseLong(parts[parts.length - 2])).map(p -> !p.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a stale cache file only takes space
        }
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }
}
