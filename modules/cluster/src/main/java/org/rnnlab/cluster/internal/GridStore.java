package org.rnnlab.cluster.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.topic.ITopic;

/**
 * The cluster's shared state of distributed experiments, in Hazelcast structures that keep a
 * backup on another member (so losing one member loses none of it):
 * <ul>
 * <li>tickets: run name to {@link Ticket}; a member takes a pending run by replacing the exact
 * bytes it read, so two members never both take it;</li>
 * <li>checkpoints: run name to its newest checkpoint (one per run, each replacing the last),
 * where a run lost with its member goes on, and where a finished run's final state waits for
 * its coordinator;</li>
 * <li>records: run name to its {@link MetricRecords}, stored before each of its checkpoints;</li>
 * <li>definitions: experiment name to its words as given, for {@code resume=} on another member;</li>
 * <li>reports: a reliable topic of {@link RemoteReport}s, the live view of remote runs.</li>
 * </ul>
 */
final class GridStore {
    private final IMap<String, byte[]> tickets;
    private final IMap<String, byte[]> checkpoints;
    private final IMap<String, byte[]> records;
    private final IMap<String, String> definitions;
    private final ITopic<byte[]> reports;

    GridStore(HazelcastInstance hazelcast) {
        tickets = hazelcast.getMap("rnnlab.tickets");
        checkpoints = hazelcast.getMap("rnnlab.checkpoints");
        records = hazelcast.getMap("rnnlab.records");
        definitions = hazelcast.getMap("rnnlab.definitions");
        reports = hazelcast.getReliableTopic("rnnlab.reports");
    }

    // ---- tickets ---------------------------------------------------------------------------

    /** Queues a run afresh: any earlier ticket, checkpoint or records of that name are dropped. */
    void submit(Ticket ticket) {
        checkpoints.delete(ticket.run());
        records.delete(ticket.run());
        tickets.set(ticket.run(), Codec.encode(ticket));
    }

    /** Queues a run unless the cluster already has it (resume: its work so far counts). */
    void submitIfAbsent(Ticket ticket) {
        tickets.putIfAbsent(ticket.run(), Codec.encode(ticket));
    }

    Optional<Ticket> ticket(String run) {
        byte[] bytes = tickets.get(run);
        return bytes == null ? Optional.empty() : Optional.of(Codec.ticket(bytes));
    }

    List<Ticket> tickets() {
        return tickets.values().stream().map(Codec::ticket)
                .sorted(Comparator.comparing(Ticket::experiment).thenComparingInt(Ticket::order)).toList();
    }

    /**
     * Moves a ticket from what it was to what it becomes, only if nobody changed it meanwhile.
     *
     * @return whether this caller made the change
     */
    boolean replace(Ticket was, Ticket becomes) {
        return tickets.replace(was.run(), Codec.encode(was), Codec.encode(becomes));
    }

    /** Puts runs that were running on members no longer in the cluster back in the queue. */
    void releaseOrphans(Set<String> liveMembers, Consumer<Ticket> released) {
        for (Ticket ticket : tickets()) {
            if (ticket.phase() == Ticket.Phase.RUNNING && !liveMembers.contains(ticket.member())
                    && replace(ticket, ticket.released(0))) {
                released.accept(ticket);
            }
        }
    }

    /** Calls back on every new or changed ticket (on a Hazelcast thread: return quickly). */
    UUID onTicketChange(Runnable callback) {
        return tickets.addEntryListener(new TicketListener(callback), false);
    }

    void removeTicketListener(UUID id) {
        tickets.removeEntryListener(id);
    }

    private record TicketListener(Runnable callback)
            implements EntryAddedListener<String, byte[]>, EntryUpdatedListener<String, byte[]> {
        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, byte[]> event) {
            callback.run();
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, byte[]> event) {
            callback.run();
        }
    }

    /** Forgets the runs and the definition of an experiment whose table is made. */
    void forget(String experiment, Iterable<String> runs) {
        for (String run : runs) {
            tickets.delete(run);
            checkpoints.delete(run);
            records.delete(run);
        }
        definitions.delete(experiment);
    }

    // ---- checkpoints and definitions -------------------------------------------------------

    void checkpoint(String run, byte[] bytes) {
        checkpoints.set(run, bytes);
    }

    Optional<byte[]> checkpoint(String run) {
        return Optional.ofNullable(checkpoints.get(run));
    }

    void records(String run, MetricRecords made) {
        records.set(run, Codec.encode(made));
    }

    /**
     * A run's records so far; none before its first checkpoint, nor where the stored ones cannot be
     * read (a damaged entry, another rnnlab version): they add steps to target, and a run must not
     * fail, nor a table wait, for want of them.
     */
    MetricRecords records(String run) {
        byte[] bytes = records.get(run);
        try {
            return bytes == null ? new MetricRecords() : Codec.records(bytes);
        } catch (IllegalArgumentException e) {
            return new MetricRecords();
        }
    }

    void define(String experiment, List<String> words) {
        definitions.set(experiment, String.join("\n", words));
    }

    /** Defines an experiment the cluster does not hold yet; false if it holds one of that name. */
    boolean defineNew(String experiment, List<String> words) {
        return definitions.putIfAbsent(experiment, String.join("\n", words)) == null;
    }

    Optional<List<String>> definition(String experiment) {
        String words = definitions.get(experiment);
        return words == null ? Optional.empty() : Optional.of(List.of(words.split("\n")));
    }

    // ---- reports ---------------------------------------------------------------------------

    void publish(RemoteReport report) {
        reports.publish(Codec.encode(report));
    }

    UUID onReport(Consumer<RemoteReport> consumer) {
        return reports.addMessageListener(message -> consumer.accept(Codec.report(message.getMessageObject())));
    }

    void removeReportListener(UUID id) {
        reports.removeMessageListener(id);
    }
}
