package org.rnnlab.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * A run's checkpoints as bytes for the cluster: written by the Trainer to files (its own
 * format, checked when loaded), read back whole. The autosaves are the Trainer's documented
 * {@code runs/NAME/step-N.ckpt} under the home folder; they appear by an atomic rename, so a
 * file that is there is complete.
 */
final class CheckpointBytes {
    private static final Pattern AUTOSAVE = Pattern.compile("step-(\\d+)\\.ckpt");

    /** The newest autosave of a run: its step and its bytes. */
    record Autosave(long step, byte[] bytes) {
    }

    private final Trainer trainer;
    private final Path runs;
    private final Path scratch;

    /** For the Trainer of this runtime, whose home is the framework property rnnlab.home (else the working folder). */
    CheckpointBytes(Trainer trainer, BundleContext context) {
        this.trainer = trainer;
        String home = context.getProperty("rnnlab.home");
        this.runs = Path.of(home == null || home.isBlank() ? "." : home).resolve("runs");
        try {
            this.scratch = Files.createTempDirectory("rnnlab-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run's state now, as a checkpoint. */
    byte[] save(String run) {
        Path file = scratch.resolve(run + ".ckpt");
        try {
            Files.deleteIfExists(file);
            trainer.save(run, file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    /** Loads a checkpoint as a run of this name (READY, continuing exactly where it was saved). */
    RunStatus load(String run, byte[] checkpoint) {
        Path file = scratch.resolve(run + ".ckpt");
        try {
            Files.write(file, checkpoint);
            return trainer.load(file, run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    /** The newest autosave of the run beyond {@code step}, if there is one. */
    Optional<Autosave> newerThan(String run, long step) {
        long newest = step;
        Path newestFile = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runs.resolve(run))) {
            for (Path file : files) {
                Matcher m = AUTOSAVE.matcher(file.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) > newest) {
                    newest = Long.parseLong(m.group(1));
                    newestFile = file;
                }
            }
            return newestFile == null ? Optional.empty() : Optional.of(new Autosave(newest, Files.readAllBytes(newestFile)));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // none yet, or retention removed it just now: the next look finds a newer one
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the run's autosaves: the cluster holds what matters of them. */
    void forgetAutosaves(String run) {
        Path folder = runs.resolve(run);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            files.forEach(CheckpointBytes::delete);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delete(folder);
    }

    void close() {
        delete(scratch);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
