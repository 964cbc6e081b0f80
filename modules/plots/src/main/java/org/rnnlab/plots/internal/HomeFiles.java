package org.rnnlab.plots.internal;

import java.io.IOException;
import java.io.OutputStream;
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

import org.rnnlab.api.RnnlabException;

/**
 * Files named by people, relative to the runtime's home folder as checkpoints are. A file is
 * written only where nothing or a regular file is (never through a link, into a folder or a
 * device), and replaced whole: the content goes to a temporary file beside it, which is then
 * renamed over it, so a reader never sees half a chart and a failure leaves the old file.
 */
final class HomeFiles {
    /** Writes a file's whole content. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path home;

    HomeFiles(Path home) {
        this.home = home;
    }

    /** The home of a runtime: its {@code rnnlab.home} property, else the working folder. */
    static HomeFiles of(String homeProperty) {
        return new HomeFiles(Path.of(homeProperty == null || homeProperty.isBlank() ? "." : homeProperty));
    }

    /** {@code file} as a path; a relative one is relative to the home folder. */
    Path resolve(String file) {
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
    static String extension(String file, String... accepted) {
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
    static boolean writable(Path target) {
        return !Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
    }

    /** Writes {@code content} to {@code target} through a temporary file renamed over it. */
    Path replace(Path target, Content content) {
        if (!writable(target)) {
            throw new RnnlabException(target + " is not a regular file; choose another file (nothing was written)");
        }
        Path temporary = null;
        try {
            Path folder = target.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            // not Files.createTempFile: its owner-only permissions would stay on the renamed file
            temporary = folder.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".part");
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
                content.writeTo(out);
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

    /** What went wrong with a file, in words. */
    static String reason(IOException e) {
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
