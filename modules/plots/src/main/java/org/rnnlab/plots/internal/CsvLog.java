package org.rnnlab.plots.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.core.files.HomeFiles;
import org.rnnlab.api.trainer.TrainingListener;

/**
 * The {@code log=FILE.csv} run key: while a run trains, every step report it makes is appended
 * to that file (relative to the home folder) as one row of {@link ReportCsv}, the columns of
 * {@code rnn:export}; the header is written when the file is new or empty, and a file that
 * starts with another header is left alone. The run's current spec decides, so
 * {@code rnn:set NAME log=...} redirects a live run.
 * <p>
 * A log must never slow or fail training. The training thread only looks up the run's log and
 * hands the report over; one writer thread formats the rows and appends them in order (each
 * append opens, writes and closes the file, so rows of runs sharing a file do not interleave
 * and nothing stays open). When a run finishes, stops, fails or pauses, its pending rows are
 * written before that is announced, so the log is complete when {@code rnn:await} returns.
 * When a row cannot be written, the log says so in one warning line and the run's later rows
 * to that file are dropped; the run trains on.
 */
@Component(service = TrainingListener.class)
public class CsvLog implements TrainingListener {
    private static final System.Logger LOG = System.getLogger(CsvLog.class.getName());
    /** Events after which a person or a script may read the log. */
    private static final Set<RunEvent.Kind> SETTLED = EnumSet.of(RunEvent.Kind.FINISHED, RunEvent.Kind.STOPPED,
            RunEvent.Kind.FAILED, RunEvent.Kind.PAUSED);
    private static final long SETTLE_SECONDS = 10;

    private final Trainer trainer;
    private final HomeFiles files;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "rnnlab-csv-log");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * The log value of each run whose log failed: warned about once, no more rows until it changes.
     * Writer thread only, so it follows the order of the reports and events.
     */
    private final Map<String, String> failed = new HashMap<>();
    /** Files whose header the writer wrote or read, so it is read at most once (writer thread only). */
    private final Set<Path> checked = new HashSet<>();

    @Activate
    public CsvLog(@Reference Trainer trainer, BundleContext context) {
        this(trainer, HomeFiles.of(context.getProperty("rnnlab.home")));
    }

    CsvLog(Trainer trainer, HomeFiles files) {
        this.trainer = trainer;
        this.files = files;
    }

    @Override
    public void step(StepReport report) {
        String run = report.run();
        String log;
        try {
            log = trainer.status(run).spec().getOrDefault("log", "").strip();
        } catch (RnnlabException e) {
            return; // removed meanwhile
        }
        if (!log.isEmpty()) {
            inOrder(() -> append(run, log, report)); // the writer decides, in order with the events
        }
    }

    @Override
    public void event(RunEvent event) {
        if (event.kind() == RunEvent.Kind.CREATED || event.kind() == RunEvent.Kind.REMOVED) {
            inOrder(() -> failed.remove(event.run())); // a run created again under a removed run's name starts afresh
        } else if (SETTLED.contains(event.kind())) {
            awaitPendingRows();
        }
    }

    /** Writes the rows still queued before the bundle stops (and the runtime exits). */
    @Deactivate
    void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(SETTLE_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs {@code task} on the writer thread after everything handed over before; nothing once the bundle stops. */
    private void inOrder(Runnable task) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException e) {
            // a report delivered while this component is deactivated: there is no log to write to any more
        }
    }

    /** Waits, a bounded time, until the rows handed over so far are written: one writer, in order. */
    private void awaitPendingRows() {
        try {
            writer.submit(() -> { }).get(SETTLE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // a stuck disk or a stopping bundle: training goes on regardless
        }
    }

    private void append(String run, String log, StepReport report) {
        if (log.equals(failed.get(run))) {
            return;
        }
        Path file = files.resolve(log);
        try {
            append(file, ReportCsv.row(report));
        } catch (IOException e) {
            warn(run, log, file, HomeFiles.reason(e));
        } catch (RuntimeException e) {
            warn(run, log, file, e.getMessage() == null ? "an unexpected failure" : e.getMessage());
        }
    }

    private void append(Path file, String row) throws IOException {
        if (!HomeFiles.writable(file)) {
            throw new RnnlabException("it is not a regular file");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            boolean empty = channel.size() == 0;
            if (!empty && checked.add(file.toAbsolutePath())) {
                requireOurHeader(file);
            }
            ByteBuffer bytes = ByteBuffer.wrap(((empty ? ReportCsv.HEADER + "\n" : "") + row + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    private void requireOurHeader(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!ReportCsv.HEADER.equals(in.readLine())) {
                checked.remove(file.toAbsolutePath());
                throw new RnnlabException("it starts with other columns than a run log's");
            }
        }
    }

    private void warn(String run, String log, Path file, String why) {
        failed.put(run, log);
        LOG.log(System.Logger.Level.WARNING, "run " + run + ": cannot append to its log " + file + " (" + why
                + "); it trains on, without more rows there");
    }
}
