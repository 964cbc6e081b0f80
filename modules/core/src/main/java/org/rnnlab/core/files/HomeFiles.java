package org.rnnlab.core.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.rnnlab.api.RnnlabException;

/**
 * Files named by people, relative to the runtime's home folder as checkpoints are. A file is
 * written only where nothing is, an empty file, or an earlier file of the same {@link Kind} (a
 * chart over a chart, an export over an export): a mistyped {@code csv=notes.txt} must not cost
 * the person their notes. Never through a link, into a folder or a device. A file is replaced
 * whole: the content goes to a temporary file beside it, which is then renamed over it, so a
 * reader never sees half a chart and a failure leaves the old file. Checkpoints are written the
 * same way.
 */
public final class HomeFiles {
    /** Writes a file's whole content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * What a command writes, told apart by how the file starts (its first {@value #HEAD_BYTES}
     * bytes, read as ISO-8859-1), so that only an earlier file of the same kind is replaced.
     */
    public record Kind(String description, Predicate<String> start) {
        /** A kind whose files begin with {@code prefix}, e.g. a CSV header. */
        public static Kind startingWith(String description, String prefix) {
            return new Kind(description, head -> head.startsWith(prefix));
        }
    }

    private static final int HEAD_BYTES = 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path home;

    public HomeFiles(Path home) {
        this.home = home;
    }

    /** The home of a runtime: its {@code rnnlab.home} property, else the working folder. */
    public static HomeFiles of(String homeProperty) {
        return new HomeFiles(Path.of(homeProperty == null || homeProperty.isBlank() ? "." : homeProperty));
    }

    /** {@code file} as a path; a relative one is relative to the home folder. */
    public Path resolve(String file) {
        try {
            return home.resolve(Path.of(file));
        } catch (InvalidPathException e) {
            throw new RnnlabException("'" + file + "' is not a file path: " + e.getReason());
        }
    }

    /**
     * The extension of {@code file}, lower case, when it is one of {@code accepted}; the format
     * of what is written follows from it.
     */
    public static String extension(String file, String... accepted) {
        String lower = file.toLowerCase(Locale.ROOT);
        for (String extension : accepted) {
            String suffix = "." + extension;
            if (lower.endsWith(suffix) && lower.length() > suffix.length() && !lower.endsWith("/" + suffix)) {
                return extension;
            }
        }
        throw new RnnlabException("file=" + file + " is not accepted; expected a file name ending in ."
                + String.join(" or .", List.of(accepted)) + " (the format follows from it)");
    }

    /** Whether a file may be written at {@code target}: nothing is there, or a regular file (not a folder, a link, a device). */
    public static boolean writable(Path target) {
        return !Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Writes {@code content} to {@code target} through a temporary file beside it
     * ({@code .NAME.RANDOM.PID.part}, forced to the disk, so a crash never leaves half a file under
     * the real name, and a later start can tell a dead process's leftovers by the PID) renamed
     * over it, when nothing is there yet, an empty file, or an earlier file of {@code kind}.
     */
    public static Path replace(Path target, Kind kind, Content content) {
        if (!writable(target)) {
            throw new RnnlabException(target + " is not a regular file; choose another file (nothing was written)");
        }
        Path temporary = null;
        try {
            if (!replaceable(target, kind)) {
                throw new RnnlabException(target + " exists and is not " + kind.description()
                        + "; choose another file or remove it (nothing was written)");
            }
            Path folder = target.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            // not Files.createTempFile: its owner-only permissions would stay on the renamed file
            temporary = folder.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + "." + ProcessHandle.current().pid() + ".part");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                // a writer that closes what it is given (Jackson does) must not close the channel before the force
                OutputStream out = new FilterOutputStream(Channels.newOutputStream(channel)) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        this.out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new RnnlabException("cannot write " + target + ": " + reason(e));
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static boolean replaceable(Path target, Kind kind) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        return head.length == 0 || kind.start().test(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** What went wrong with a file, in words. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a part of its path is a file, not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // the rename succeeded or the write failed already; a stray .part file is harmless
            }
        }
    }
}
