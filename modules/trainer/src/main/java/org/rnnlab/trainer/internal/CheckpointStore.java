package org.rnnlab.trainer.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.core.files.HomeFiles;

/**
 * Where checkpoints live and how they are written. Relative paths are relative to the home
 * folder, for saving and loading alike. Under {@code runs/}: {@code NAME.ckpt} (rnn:save's
 * default) and, per run with autosave, a folder {@code NAME/} of {@code step-N.ckpt} files (the
 * newest {@code checkpoint.keep}) and {@code best.ckpt}.
 *
 * <p>A write goes through {@link HomeFiles#replace}: a hidden temporary file beside the target
 * ({@code .FILE.RANDOM.PID.part}), forced to the disk and renamed over the target, so a crash
 * never leaves a half-written checkpoint under the real name; temporaries of processes that no
 * longer run are removed at start. A save replaces only a missing file, an empty one or an rnnlab
 * checkpoint: never a device, a folder, a link or someone's other file.
 */
final class CheckpointStore {
    static final String RUNS = "runs";
    private static final Pattern AUTOSAVE = Pattern.compile("step-(\\d+)\\" + Checkpoint.EXTENSION);
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(\\d+)\\.part");
    private static final System.Logger LOG = System.getLogger(CheckpointStore.class.getName());

    private volatile Path home;

    CheckpointStore(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    void home(Path next) {
        home = next;
    }

    Path resolve(Path file) {
        return file.isAbsolute() ? file : home.resolve(file);
    }

    /** A path for messages: relative to home when inside it. */
    Path display(Path file) {
        Path base = home.toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute) : absolute;
    }

    Path defaultFile(String run) {
        return home.resolve(RUNS).resolve(run + Checkpoint.EXTENSION);
    }

    Path autosaveFolder(String run) {
        return home.resolve(RUNS).resolve(run);
    }

    Path autosaveFile(String run, long step) {
        return autosaveFolder(run).resolve(String.format("step-%012d%s", step, Checkpoint.EXTENSION));
    }

    Path bestFile(String run) {
        return autosaveFolder(run).resolve("best" + Checkpoint.EXTENSION);
    }

    /** Writes a snapshot to {@code file} (relative to home) atomically; returns the absolute path. */
    Path write(Snapshot snapshot, Path file) {
        byte[] content = Checkpoint.encode(snapshot);
        return HomeFiles.replace(resolve(file).toAbsolutePath().normalize(), Checkpoint.KIND, out -> out.write(content));
    }

    static Snapshot read(Path file, Object source) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A pipe would block the read for ever; a folder or a device is no checkpoint either.
            throw new RnnlabException("checkpoint " + source + " is not a regular file (a folder, a pipe or a device); "
                    + "nothing was loaded");
        }
        try {
            return Checkpoint.decode(Files.readAllBytes(file), source);
        } catch (NoSuchFileException e) {
            throw new RnnlabException("no checkpoint at " + source);
        } catch (IOException e) {
            throw new RnnlabException("cannot read checkpoint " + source + ": " + HomeFiles.reason(e));
        } catch (OutOfMemoryError e) {
            throw new RnnlabException("checkpoint " + source + " is too large to read");
        }
    }

    Snapshot read(Path file) {
        return read(resolve(file), file);
    }

    /**
     * Removes the temporaries a killed process left under {@code runs/} (those of processes still
     * running stay: they may be writing); returns how many.
     */
    int removeTemporaries() {
        int removed = 0;
        Path runs = home.resolve(RUNS);
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (var files = Files.walk(runs, 2)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = TEMPORARY.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "could not clean temporary files under " + runs + ": " + e.getMessage());
        }
        return removed;
    }

    /** A run's autosaved checkpoints, newest (highest step) first. */
    List<Path> autosaves(String run) {
        return autosaveEntries(run).stream().filter(Files::isRegularFile).toList();
    }

    /**
     * Everything in the run's folder named like an autosave, newest first, whatever it is (a
     * recovery names the ones it cannot read).
     */
    List<Path> autosaveEntries(String run) {
        Map<Long, Path> byStep = new TreeMap<>(Comparator.reverseOrder());
        Path folder = autosaveFolder(run);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Matcher m = AUTOSAVE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    byStep.put(Long.parseLong(m.group(1)), file);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "could not list " + folder + ": " + e.getMessage());
        }
        return new ArrayList<>(byStep.values());
    }

    /** Keeps the newest {@code keep} autosaves of a run, removing the older ones. */
    void retain(String run, int keep) {
        List<Path> all = autosaves(run);
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not remove old checkpoint " + old + ": " + e.getMessage());
            }
        }
    }

    /** The runs with autosaved checkpoints under {@code runs/}, by name. */
    List<String> recoverable() {
        List<String> names = new ArrayList<>();
        Path runs = home.resolve(RUNS);
        if (!Files.isDirectory(runs)) {
            return names;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(runs, Files::isDirectory)) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (!autosaves(name).isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not list " + runs + ": " + e.getMessage());
        }
        names.sort(null);
        return names;
    }
}
