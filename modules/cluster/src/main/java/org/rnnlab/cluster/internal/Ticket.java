package org.rnnlab.cluster.internal;

import java.util.Map;

import org.rnnlab.api.trainer.RunState;

/**
 * One run of a distributed experiment as the cluster keeps it: what to train and where it stands.
 *
 * @param run        the run's name (the experiment's name, a dash and its number)
 * @param experiment the experiment it belongs to
 * @param order      its place in the grid: members take pending runs in this order
 * @param spec       the run spec, key=value as in the shell
 * @param phase      pending, running on {@code member}, or done
 * @param member     the member that trains or trained it (empty while pending)
 * @param seconds    wall time it has trained so far, over every member that had it
 * @param ended      the state it ended in where it trained (FINISHED, FAILED, PAUSED, ...); empty until done
 * @param outcome    how it ended, for people ("finished at step 300"); empty until done
 */
record Ticket(String run, String experiment, int order, Map<String, String> spec, Phase phase, String member,
        double seconds, String ended, String outcome) {

    enum Phase {
        PENDING, RUNNING, DONE
    }

    static Ticket pending(String run, String experiment, int order, Map<String, String> spec) {
        return new Ticket(run, experiment, order, Map.copyOf(spec), Phase.PENDING, "", 0, "", "");
    }

    Ticket claimedBy(String memberId) {
        return new Ticket(run, experiment, order, spec, Phase.RUNNING, memberId, seconds, "", "");
    }

    /** Back in the queue, e.g. because its member left; the newest checkpoint is where it goes on. */
    Ticket released(double trained) {
        return new Ticket(run, experiment, order, spec, Phase.PENDING, "", seconds + trained, "", "");
    }

    Ticket done(double trained, RunState state, String how) {
        return new Ticket(run, experiment, order, spec, Phase.DONE, member, seconds + trained, state.name(), how);
    }

    boolean runningOn(String memberId) {
        return phase == Phase.RUNNING && member.equals(memberId);
    }
}
