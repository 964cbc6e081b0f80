package org.rnnlab.cluster.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.shell.grid.GridTraining;

/**
 * {@code rnn:experiment ... cluster=true}: queues one ticket per run, follows them as members
 * take, lose and finish them, and loads each finished run's final state into this runtime's
 * Trainer, where the shell tabulates it. The coordinator keeps no state of its own beyond the
 * cluster's, so another member can take over with {@code resume=NAME cluster=true}.
 */
@Component
public class ClusterGrid implements GridTraining {
    private static final long LOOK_MILLIS = 500;

    private final ClusterMember member;
    private final Trainer trainer;
    private final CheckpointBytes checkpoints;

    private final RemoteRuns remote;

    @Activate
    public ClusterGrid(@Reference ClusterMember member, @Reference Trainer trainer, @Reference RemoteRuns remote,
            BundleContext context) {
        this.member = member;
        this.trainer = trainer;
        this.remote = remote;
        this.checkpoints = new CheckpointBytes(trainer, context);
    }

    @Override
    public Map<String, Outcome> train(String experiment, List<String> definition, Map<String, Map<String, String>> runs,
            boolean resume, Consumer<String> progress) throws InterruptedException {
        Membership membership = member.await();
        GridStore store = membership.store();
        if (resume) {
            store.define(experiment, definition);
        } else if (!store.defineNew(experiment, definition)) {
            // two coordinators starting the same name at once: their runs would overwrite each other's tickets
            // (not resume= here: that would mix this runtime's runs into the other coordinator's experiment)
            throw new RnnlabException("another coordinator has just started an experiment named " + experiment
                    + " in the cluster, and that one goes on; this one trains nothing: give it another name");
        }
        int order = 0;
        for (Map.Entry<String, Map<String, String>> run : runs.entrySet()) {
            Ticket ticket = Ticket.pending(run.getKey(), experiment, order++, run.getValue());
            if (resume) {
                store.submitIfAbsent(ticket);
            } else {
                store.submit(ticket);
            }
        }
        Semaphore wake = new Semaphore(0);
        UUID watch = store.onTicketChange(wake::release);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        try {
            Map<String, Ticket> seen = new HashMap<>();
            Set<String> moved = new HashSet<>();
            boolean toldNoSlots = false;
            Set<String> waiting = new LinkedHashSet<>(runs.keySet());
            while (!waiting.isEmpty()) {
                for (String run : List.copyOf(waiting)) {
                    Ticket now = store.ticket(run).orElse(null);
                    if (now == null) { // forgotten by another coordinator of the same name: queue it again
                        store.submitIfAbsent(Ticket.pending(run, experiment, List.copyOf(runs.keySet()).indexOf(run),
                                runs.get(run)));
                        continue;
                    }
                    Ticket before = seen.put(run, now);
                    if (before != null && before.phase() == Ticket.Phase.RUNNING && !before.member().equals(now.member())) {
                        moved.add(run);
                    }
                    tell(before, now, moved.contains(run), membership, progress);
                    if (now.phase() == Ticket.Phase.DONE) {
                        collect(now, store);
                        outcomes.put(run, new Outcome(RunState.valueOf(now.ended()), now.seconds(),
                                store.records(run).list()));
                        waiting.remove(run);
                    }
                }
                if (!toldNoSlots && membership.slotsInCluster() == 0) {
                    progress.accept("no member of the cluster has a slot (slots=0 everywhere): the runs wait for one that has");
                    toldNoSlots = true;
                }
                wake.tryAcquire(LOOK_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            }
        } finally {
            store.removeTicketListener(watch);
        }
        store.forget(experiment, runs.keySet());
        return outcomes;
    }

    /** One line for people when a run's ticket has moved. */
    private static void tell(Ticket before, Ticket now, boolean moved, Membership membership, Consumer<String> progress) {
        if (now.equals(before)) {
            return;
        }
        switch (now.phase()) {
            case RUNNING -> progress.accept(now.run() + " on " + membership.address(now.member()) + ": "
                    + (moved ? "goes on from its newest checkpoint" : "training"));
            case PENDING -> {
                if (moved) {
                    progress.accept(now.run() + ": its member stopped or left; it waits for a free slot and goes on "
                            + "from its newest checkpoint (a member that stops in order saves one at the step it reached)");
                }
            }
            case DONE -> progress.accept(now.run() + " on " + membership.address(now.member()) + ": " + now.outcome());
        }
    }

    /**
     * Replaces the untrained local run by the run's final state from the cluster, and writes that
     * state to the run's autosave folder, {@code runs/RUN/}.
     */
    private void collect(Ticket done, GridStore store) {
        Optional<byte[]> last = store.checkpoint(done.run());
        if (last.isEmpty()) {
            return; // not trained (its outcome says why): the local run stays as it was
        }
        if (trainer.runs().stream().anyMatch(r -> r.name().equals(done.run()))) {
            trainer.remove(done.run());
        }
        checkpoints.load(done.run(), last.get());
        // the cluster forgets it once the table is made: on disk here, where a run trained at home
        // autosaves, so that rnn:recover and a resumed experiment find it
        trainer.autosave(done.run());
    }

    @Override
    public Optional<Elsewhere> elsewhere(String run) {
        RemoteReport latest = remote.latest().get(run);
        if (latest == null) {
            return Optional.empty();
        }
        try {
            // a report came, so this member has joined: no wait
            String where = member.await().address(latest.member());
            return Optional.of(new Elsewhere(where, latest.step(), latest.loss(), latest.metric(), latest.stepsPerSecond()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public Optional<List<String>> definition(String experiment) {
        try {
            return member.await().store().definition(experiment);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Deactivate
    void close() {
        checkpoints.close();
    }
}
