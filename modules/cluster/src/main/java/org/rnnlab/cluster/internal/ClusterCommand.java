package org.rnnlab.cluster.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.rnnlab.api.RnnlabException;

import com.hazelcast.cluster.Member;

/**
 * {@code rnn:cluster}: the members, their slots and what each trains; {@code rnn:cluster serve}
 * keeps a runtime started with {@code -c} working for the cluster. The command is there with or
 * without a configuration, and says how to make a runtime a member when it is not one.
 */
@Component(service = ClusterCommand.class)
@GogoCommand(scope = "rnn", function = {"cluster"})
public class ClusterCommand {
    static final String HOW_TO_CONFIGURE = "configure PID org.rnnlab.cluster, e.g. in drop-in/org.rnnlab.cluster.cfg "
            + "(README: Running on several machines)";

    /** Seconds without a member after which {@code serve} ends: a changed configuration rebinds sooner. */
    private static final int GONE_SECONDS = 5;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClusterMember member;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RemoteRuns remote;

    @Descriptor("the cluster's members, their slots and the runs each trains; 'serve [minutes=M]' keeps this runtime "
            + "working for the cluster (until it is stopped, or for M minutes)")
    public String cluster(@Descriptor("nothing, or serve [minutes=M]") String... words) throws InterruptedException {
        ClusterMember configured = member;
        if (configured == null) {
            throw new RnnlabException("this runtime is not a cluster member: " + HOW_TO_CONFIGURE);
        }
        if (words.length == 0) {
            return show(configured.await());
        }
        if (words[0].equals("serve") && words.length <= 2) {
            return serve(configured, words.length == 2 ? minutes(words[1]) : Long.MAX_VALUE);
        }
        throw new RnnlabException("rnn:cluster takes nothing or serve [minutes=M], not " + String.join(" ", words));
    }

    private static long minutes(String word) {
        try {
            if (word.startsWith("minutes=")) {
                long minutes = Long.parseLong(word.substring("minutes=".length()).strip());
                if (minutes > 0) {
                    return minutes;
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RnnlabException("serve takes minutes=M, a whole number of minutes above 0, not " + word);
    }

    /**
     * Waits while the member trains for the cluster. A changed configuration replaces the member
     * and serving goes on; a removed one ends it (no member for {@link #GONE_SECONDS} on end).
     */
    private String serve(ClusterMember configured, long minutes) throws InterruptedException {
        Membership membership = configured.await();
        System.out.println("member of cluster " + membership.name() + " with " + membership.slots()
                + " slot(s); training for the cluster " + (minutes == Long.MAX_VALUE ? "until stopped" : "for " + minutes
                        + " minute(s)"));
        System.out.flush();
        long end = minutes == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        int absent = 0;
        try {
            while (end == Long.MAX_VALUE || System.nanoTime() - end < 0) {
                TimeUnit.SECONDS.sleep(1);
                ClusterMember now = member;
                absent = now == null ? absent + 1 : 0;
                if (absent >= GONE_SECONDS) {
                    return "stopped serving: this runtime is no longer a cluster member (its configuration was removed, "
                            + "or the cluster add-on stopped)";
                }
                String failure = now == null ? null : now.failure();
                if (failure != null) { // a changed configuration that is refused, or cannot join
                    return "stopped serving: " + failure;
                }
            }
        } catch (InterruptedException e) { // Ctrl-C, or the runtime stops: its runs are handed over as it does
            return "stopped serving the cluster";
        }
        return "served the cluster for " + minutes + " minute(s)";
    }

    private String show(Membership membership) {
        List<Ticket> tickets = membership.store().tickets();
        Map<String, RemoteReport> reports = remote == null ? Map.of() : remote.latest();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"MEMBER", "SLOTS", "TRAINS"});
        for (Member m : membership.members()) {
            String id = m.getUuid().toString();
            List<String> runs = tickets.stream().filter(t -> t.runningOn(id)).map(t -> describe(t, reports)).toList();
            rows.add(new String[] {Membership.address(m) + (id.equals(membership.id()) ? " (this one)" : ""),
                    String.valueOf(Membership.slots(m)), runs.isEmpty() ? "-" : String.join(", ", runs)});
        }
        List<String> queued = tickets.stream().filter(t -> t.phase() == Ticket.Phase.PENDING).map(Ticket::run).toList();
        return "cluster " + membership.name() + ": " + membership.members().size() + " member(s)\n" + table(rows)
                + (queued.isEmpty() ? "" : "\nwaiting for a slot: " + String.join(", ", queued));
    }

    private static String describe(Ticket ticket, Map<String, RemoteReport> reports) {
        RemoteReport last = reports.get(ticket.run());
        return last == null || !last.member().equals(ticket.member()) ? ticket.run()
                : String.format(Locale.ROOT, "%s (step %d, loss %.4g)", ticket.run(), last.step(), last.loss());
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int c = 0; c < r.length; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                out.append(c == row.length - 1 ? row[c] : String.format("%-" + (widths[c] + 2) + "s", row[c]));
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }
}
