package org.rnnlab.shell.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.core.files.HomeFiles;

/**
 * What an experiment learns while it trains and a resume could not learn again from the runs'
 * checkpoints: the step at which each run's training metric first reached {@code target=} (the
 * steps before a checkpoint are not reported again), and how long each finished run trained. Kept
 * in {@code runs/NAME.progress} ({@code RUN.reached=STEP}, {@code RUN.seconds=S}), replaced whole
 * at each change: a run's end, and each earlier step at which it is told to have reached the target.
 */
final class ExperimentProgress {
    private static final String FIRST_LINE = "# rnnlab experiment progress";
    private static final HomeFiles.Kind KIND = HomeFiles.Kind.startingWith("an experiment's progress file", FIRST_LINE);

    private final Path file;
    private final Map<String, Long> reached = new ConcurrentHashMap<>();
    private final Map<String, Double> seconds = new ConcurrentHashMap<>();

    private ExperimentProgress(Path file) {
        this.file = file;
    }

    /** A new experiment's: nothing known yet, written at once over an older experiment's of the same name. */
    static ExperimentProgress fresh(Path file) {
        ExperimentProgress progress = new ExperimentProgress(file);
        progress.save();
        return progress;
    }

    /** A resumed experiment's: what the file says, or nothing when there is none (killed before any run got far). */
    static ExperimentProgress resumed(Path file) {
        ExperimentProgress progress = new ExperimentProgress(file);
        Properties saved = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            saved.load(in);
        } catch (NoSuchFileException e) {
            return progress;
        } catch (IOException | IllegalArgumentException e) {
            throw new RnnlabException("cannot read " + file + ": " + e.getMessage() + "; remove it to resume without "
                    + "the steps to target and the times it kept");
        }
        for (String key : saved.stringPropertyNames()) {
            String value = saved.getProperty(key).strip();
            try {
                if (key.endsWith(".reached")) {
                    progress.reached.put(key.substring(0, key.length() - ".reached".length()), Long.parseLong(value));
                } else if (key.endsWith(".seconds")) {
                    progress.seconds.put(key.substring(0, key.length() - ".seconds".length()), Double.parseDouble(value));
                }
            } catch (NumberFormatException e) {
                throw new RnnlabException(file + " holds " + key + "=" + value + ", not a number; remove it to resume "
                        + "without the steps to target and the times it kept");
            }
        }
        return progress;
    }

    /**
     * A step at which {@code run} reached the target; the earliest one told is kept (reports come in
     * order, but a run's records from the cluster can tell an earlier one than its first report here).
     */
    synchronized void reached(String run, long step) {
        Long before = reached.get(run);
        if (before == null || step < before) {
            reached.put(run, step);
            save();
        }
    }

    /** {@code run} finished after training {@code elapsed} seconds. */
    void finished(String run, double elapsed) {
        seconds.put(run, elapsed);
        save();
    }

    Map<String, Long> reached() {
        return reached;
    }

    /** How long {@code run} trained, if it finished in an earlier sitting; else 0. */
    double seconds(String run) {
        return seconds.getOrDefault(run, 0.0);
    }

    private synchronized void save() {
        Map<String, String> lines = new TreeMap<>();
        reached.forEach((run, step) -> lines.put(run + ".reached", String.valueOf(step)));
        seconds.forEach((run, s) -> lines.put(run + ".seconds", String.valueOf(s)));
        StringBuilder text = new StringBuilder(FIRST_LINE).append('\n');
        lines.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        HomeFiles.replace(file, KIND, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
