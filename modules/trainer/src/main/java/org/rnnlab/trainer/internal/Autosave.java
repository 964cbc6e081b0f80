package org.rnnlab.trainer.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.rnnlab.api.RnnlabException;

/**
 * Writes autosave checkpoints on a thread of its own, so training stalls only for the copy of
 * its state ({@link TrainingState#snapshot()}). If the disk is slower than the checkpoints come,
 * only the newest pending snapshot of a run is written (latest wins). After each write the run's
 * older autosaves beyond {@code checkpoint.keep} are removed.
 */
final class Autosave {
    private static final System.Logger LOG = System.getLogger(Autosave.class.getName());

    /** A snapshot to write to {@code file}; {@code keep} > 0 trims the run's autosaves after it. */
    private record Job(String run, Snapshot snapshot, Path file, int keep) {
    }

    private final CheckpointStore store;
    /** The newest pending job per run and file kind: a slow disk writes the latest, not every one. */
    private final Map<String, Job> pending = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "rnnlab-autosave");
        thread.setDaemon(true);
        return thread;
    });

    Autosave(CheckpointStore store) {
        this.store = store;
    }

    CheckpointStore store() {
        return store;
    }

    /** Queues a snapshot of {@code run}; {@code best} also writes it as the run's best. */
    void submit(String run, Snapshot snapshot, boolean best, int keep) {
        enqueue(run, new Job(run, snapshot, store.autosaveFile(run, snapshot.step()), keep));
        if (best) {
            enqueue(run + "/best", new Job(run, snapshot, store.bestFile(run), 0));
        }
    }

    private void enqueue(String key, Job job) {
        pending.put(key, job);
        try {
            writer.execute(() -> {
                Job next = pending.remove(key);
                if (next != null) {
                    write(next);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "autosave of run " + job.run() + " skipped: the trainer is stopping");
        }
    }

    /** Writes now, on the calling thread (shutdown, Trainer.autosave); {@code keep} > 0 trims after it; returns the file. */
    Path writeNow(String run, Snapshot snapshot, int keep) {
        Path file = store.write(snapshot, store.autosaveFile(run, snapshot.step()));
        if (keep > 0) {
            store.retain(run, keep);
        }
        return file;
    }

    private void write(Job job) {
        try {
            store.write(job.snapshot(), job.file());
            if (job.keep() > 0) {
                store.retain(job.run(), job.keep());
            }
        } catch (RnnlabException e) {
            LOG.log(System.Logger.Level.WARNING, "autosave of run " + job.run() + " at step " + job.snapshot().step()
                    + " failed: " + e.getMessage());
        }
    }

    /** Waits until every queued snapshot is written (or the timeout passes). */
    void flush(long timeoutMillis) {
        try {
            writer.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "autosaves still pending after " + timeoutMillis + " ms");
        }
    }

    void close(long timeoutMillis) {
        flush(timeoutMillis);
        writer.shutdownNow();
    }
}
