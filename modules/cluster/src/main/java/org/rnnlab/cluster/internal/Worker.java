package org.rnnlab.cluster.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.api.trainer.TrainingListener;

/**
 * Trains runs for the cluster on this member's Trainer, as many at once as its slots: takes
 * pending tickets in grid order, trains each under a name of its own ({@code grid.RUN}, so a
 * coordinator that is also a worker keeps its untrained copy), ships every new autosave to the
 * cluster with the run's {@link MetricRecords}, publishes its step reports, and on the end stores
 * the final state and marks the ticket done. Any member puts back in the queue the runs of a
 * member that has left; the next member to take one loads its newest checkpoint, and since
 * resuming is exact, the run ends as if it had never moved.
 *
 * <p>One thread does all of it, woken by changes of tickets and members and otherwise every half
 * second: starting a run and looking at one are quick, the training itself runs on the Trainer's threads.
 */
@Component(immediate = true)
public class Worker {
    static final String LOCAL_PREFIX = "grid.";
    private static final long LOOK_MILLIS = 500;
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());

    /** A run this member trains: its ticket as taken, since when, the newest step shipped, and its records. */
    private static final class Job {
        final Ticket ticket;
        final long since = System.nanoTime();
        final MetricRecords records;
        long shipped;
        /** The step of a checkpoint, or of the run's end, seen at the last look before its report came. */
        long waitedForCheckpoint = -1;
        long waitedForEnd = -1;

        Job(Ticket ticket, long shipped, MetricRecords records) {
            this.ticket = ticket;
            this.shipped = shipped;
            this.records = records;
        }

        double seconds() {
            return (System.nanoTime() - since) / 1e9;
        }
    }

    private final ClusterMember member;
    private final Trainer trainer;
    private final CheckpointBytes checkpoints;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread = new Thread(this::work, "rnnlab cluster worker");
    private final ServiceRegistration<TrainingListener> reporting;
    private volatile boolean stopping;
    private volatile Membership membership;

    @Activate
    public Worker(@Reference ClusterMember member, @Reference Trainer trainer, BundleContext context) {
        this.member = member;
        this.trainer = trainer;
        this.checkpoints = new CheckpointBytes(trainer, context);
        this.reporting = context.registerService(TrainingListener.class, new TrainingListener() {
            @Override
            public void step(StepReport report) {
                publish(report);
            }
        }, null);
        thread.setDaemon(true);
        thread.start();
    }

    private void work() {
        UUID ticketWatch = null;
        UUID memberWatch = null;
        try {
            membership = member.await();
            ticketWatch = membership.store().onTicketChange(wake::release);
            memberWatch = membership.onMembersChange(wake::release);
            while (!stopping) {
                try {
                    look();
                } catch (RuntimeException e) { // e.g. the cluster busy with a member that left: the next round retries
                    LOG.log(System.Logger.Level.DEBUG, "a round of cluster work failed: " + e.getMessage(), e);
                }
                wake.tryAcquire(LOOK_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // the member did not join: ClusterMember has said why
            LOG.log(System.Logger.Level.DEBUG, "this runtime trains nothing for the cluster: " + e.getMessage());
        } finally {
            if (membership != null && ticketWatch != null) {
                membership.store().removeTicketListener(ticketWatch);
                membership.removeMembersListener(memberWatch);
            }
        }
    }

    /** One round: free the runs of members that left, follow this member's runs, take more if a slot is free. */
    private void look() {
        GridStore store = membership.store();
        store.releaseOrphans(membership.memberIds(), t -> LOG.log(System.Logger.Level.INFO,
                t.run() + " lost its member; it goes on from its newest checkpoint"));
        jobs.forEach((local, job) -> {
            try {
                follow(local, job);
            } catch (RuntimeException e) { // e.g. someone removed the local run: the cluster resumes it elsewhere
                LOG.log(System.Logger.Level.WARNING, "rnnlab: " + job.ticket.run() + " goes back to the cluster: "
                        + e.getMessage());
                jobs.remove(local);
                forgetLocal(local);
                membership.store().replace(job.ticket, job.ticket.released(job.seconds()));
            }
        });
        for (Ticket ticket : store.tickets()) {
            if (jobs.size() >= membership.slots()) {
                break;
            }
            Ticket mine = ticket.claimedBy(membership.id());
            if (ticket.phase() == Ticket.Phase.PENDING && store.replace(ticket, mine)) {
                begin(mine);
            }
        }
    }

    private void begin(Ticket ticket) {
        String local = LOCAL_PREFIX + ticket.run();
        forgetLocal(local);
        try {
            var saved = membership.store().checkpoint(ticket.run());
            RunStatus status = saved.isPresent() ? checkpoints.load(local, saved.get()) : trainer.create(local, ticket.spec());
            // the steps after the checkpoint are trained again, and reported again
            MetricRecords records = saved.isPresent() ? membership.store().records(ticket.run()).upTo(status.step())
                    : new MetricRecords();
            jobs.put(local, new Job(ticket, status.step(), records));
            long left = Long.parseLong(status.spec().get("steps")) - status.step();
            if (left > 0) {
                trainer.start(local, left);
            }
        } catch (RuntimeException e) {
            // e.g. a component this member lacks: the run is marked done untrained, with the reason
            jobs.remove(local);
            forgetLocal(local);
            membership.store().replace(ticket, ticket.done(0, RunState.FAILED, "not trained: " + e.getMessage()));
            LOG.log(System.Logger.Level.WARNING, "rnnlab: cannot train " + ticket.run() + " for the cluster: " + e.getMessage());
        }
    }

    /** Ships a newer autosave; on the end, stores the final state and marks the ticket done. */
    private void follow(String local, Job job) {
        GridStore store = membership.store();
        Ticket now = store.ticket(job.ticket.run()).orElse(null);
        if (now == null || !now.runningOn(membership.id())) {
            // taken from this member (it was thought lost) or forgotten: someone else has it now
            jobs.remove(local);
            forgetLocal(local);
            return;
        }
        checkpoints.newerThan(local, job.shipped).ifPresent(autosave -> {
            if (reportAwaited(job, autosave.step(), job.waitedForCheckpoint)) {
                job.waitedForCheckpoint = autosave.step();
                return;
            }
            ship(store, job, autosave.bytes());
            job.shipped = autosave.step();
        });
        RunStatus status = trainer.status(local);
        if (status.state() == RunState.RUNNING || status.state() == RunState.WAITING) {
            return;
        }
        if (reportAwaited(job, status.step(), job.waitedForEnd)) {
            job.waitedForEnd = status.step();
            return;
        }
        ship(store, job, checkpoints.save(local));
        String how = status.state().name().toLowerCase(java.util.Locale.ROOT) + " at step " + status.step()
                + (status.state() == RunState.FAILED ? ": " + status.message() : "");
        store.replace(now, now.done(job.seconds(), status.state(), how));
        jobs.remove(local);
        forgetLocal(local);
    }

    /**
     * Stores a run's state with its records. Records first: a member lost between the two writes
     * leaves records that reach past the checkpoint, which the next member cuts back, never a
     * checkpoint whose records are missing.
     */
    private static void ship(GridStore store, Job job, byte[] checkpoint) {
        store.records(job.ticket.run(), job.records);
        store.checkpoint(job.ticket.run(), checkpoint);
    }

    /**
     * Whether to look once more before storing the records with the state at {@code step}: the
     * trainer queues a checkpoint, and ends a run, just before it hands that step's report to its
     * listeners, so the report may still be on its way. One look (half a second) is enough for it to
     * come; a step that reports nothing waits that look too.
     */
    private static boolean reportAwaited(Job job, long step, long waitedFor) {
        return !job.records.heardUpTo(step) && waitedFor != step;
    }

    private void publish(StepReport report) {
        Job job = jobs.get(report.run());
        if (job == null) {
            return;
        }
        job.records.add(report.step(), report.metric());
        Membership joined = membership;
        if (joined != null) {
            joined.store().publish(new RemoteReport(job.ticket.run(), joined.id(), report.step(), report.loss(),
                    report.metric(), report.gradientNorm(), report.stepsPerSecond()));
        }
    }

    /** Drops a local run and its autosaves (the cluster holds its state). */
    private void forgetLocal(String local) {
        if (trainer.runs().stream().anyMatch(r -> r.name().equals(local))) {
            trainer.remove(local);
        }
        checkpoints.forgetAutosaves(local);
    }

    /**
     * Leaving: each run this member trains is stopped, its state stored and its ticket put back,
     * so another member goes on at once from exactly here.
     */
    @Deactivate
    void stop() throws InterruptedException {
        stopping = true;
        wake.release();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        jobs.forEach((local, job) -> {
            try {
                trainer.stop(local);
                ship(membership.store(), job, checkpoints.save(local));
                membership.store().replace(job.ticket, job.ticket.released(job.seconds()));
                forgetLocal(local);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "rnnlab: " + job.ticket.run() + " was not handed over: "
                        + e.getMessage() + "; the cluster resumes it from its newest autosave");
            }
        });
        // only now: the runs reported until they stopped, and their records are stored
        reporting.unregister();
        checkpoints.close();
    }
}
