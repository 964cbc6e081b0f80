package org.rnnlab.cluster.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.rnnlab.api.RnnlabException;

import com.hazelcast.core.Hazelcast;

/**
 * The embedded Hazelcast member. It exists only with a configuration (PID {@value #PID}), so a
 * runtime without one loads no Hazelcast class at all. Joining takes seconds, so it happens on a
 * thread of its own: the component (and the console's prompt) never wait for the network;
 * whatever needs the cluster waits in {@link #await()}.
 */
@Component(service = ClusterMember.class, configurationPid = ClusterMember.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ClusterConfig.class)
public class ClusterMember {
    static final String PID = "org.rnnlab.cluster";
    private static final long JOIN_MINUTES = 2;
    private static final System.Logger LOG = System.getLogger(ClusterMember.class.getName());
    /** Hazelcast's loggers (held: java.util.logging keeps loggers only weakly). */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    /** The checked configuration; null when it was refused (then {@link #joined} holds why). */
    private final MemberSettings.Checked config;
    private final CompletableFuture<Membership> joined = new CompletableFuture<>();

    @Activate
    public ClusterMember(ClusterConfig given) {
        MemberSettings.Checked checked = null;
        try {
            checked = MemberSettings.check(given);
        } catch (RnnlabException refused) {
            LOG.log(System.Logger.Level.WARNING, refused.getMessage());
            joined.completeExceptionally(refused);
        }
        this.config = checked;
        if (checked == null) {
            return;
        }
        keepHazelcastLogOutOfTheTerminal();
        Thread joining = new Thread(this::join, "rnnlab cluster join");
        joining.setDaemon(true);
        joining.start();
    }

    /**
     * Hazelcast logs in its own words, with stack traces, things a person at the prompt learns in
     * one line from rnnlab (a member that left, a run that moved): its log goes to the log files
     * only (rnnlab.log), where there are any.
     */
    private static void keepHazelcastLogOutOfTheTerminal() {
        List<Handler> files = Stream.of(Logger.getLogger("").getHandlers()).filter(FileHandler.class::isInstance).toList();
        if (!files.isEmpty() && HAZELCAST_LOG.getUseParentHandlers()) {
            HAZELCAST_LOG.setUseParentHandlers(false);
            files.forEach(HAZELCAST_LOG::addHandler);
        }
    }

    private void join() {
        try {
            Membership membership = new Membership(Hazelcast.newHazelcastInstance(
                    MemberSettings.hazelcast(config, ClusterMember.class.getClassLoader())), config.slots());
            LOG.log(System.Logger.Level.INFO, "member of cluster " + config.name() + " at " + config.host() + ":"
                    + config.port() + " with " + config.slots() + " slot(s)");
            joined.complete(membership);
        } catch (RuntimeException e) {
            RnnlabException failure = new RnnlabException("this runtime could not join cluster " + config.name()
                    + " at " + config.address() + ": " + e.getMessage(), e);
            LOG.log(System.Logger.Level.WARNING, failure.getMessage());
            joined.completeExceptionally(failure);
        }
    }

    /** The member once it has joined; a one-line refusal if it could not. */
    Membership await() throws InterruptedException {
        try {
            return joined.get(JOIN_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw (RnnlabException) e.getCause(); // in words already: the refusal or the failure to join
        } catch (TimeoutException e) {
            throw new RnnlabException("this runtime has not joined cluster " + config.name() + " within "
                    + JOIN_MINUTES + " minutes");
        }
    }

    /** Why this member is not in the cluster (a refused configuration, a failed join); null while it joins or is in. */
    String failure() {
        if (!joined.isCompletedExceptionally()) {
            return null;
        }
        try {
            joined.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause().getMessage();
        }
    }

    @Deactivate
    void leave(int reason) {
        joined.thenAccept(Membership::leave); // now, or as soon as a join under way completes
        if (reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED && failure() == null
                && joined.isDone()) {
            // the one event a person at this terminal would not otherwise learn of
            LOG.log(System.Logger.Level.WARNING, "this runtime left cluster " + config.name() + ": its configuration ("
                    + PID + ") was removed");
        }
    }
}
