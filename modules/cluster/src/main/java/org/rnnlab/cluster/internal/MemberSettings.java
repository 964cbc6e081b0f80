package org.rnnlab.cluster.internal;

import java.util.Arrays;
import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

/**
 * The Hazelcast configuration of a member, from rnnlab's: one interface, one port, TCP/IP join to
 * the listed members only, nothing that reaches beyond them (no multicast, no cloud discovery, no
 * phone-home), and a shorter silence before a member counts as lost than Hazelcast's minute,
 * because its runs wait for that.
 */
final class MemberSettings {
    /** A member attribute: how many runs it trains at once, for rnn:cluster and for claiming. */
    static final String SLOTS = "rnnlab.slots";
    private static final String LOST_AFTER_SECONDS = "10";

    private MemberSettings() {
    }

    static Config hazelcast(ClusterConfig config, ClassLoader classes) {
        Config hazelcast = new Config();
        hazelcast.setClassLoader(classes);
        hazelcast.setClusterName(config.name());
        hazelcast.setInstanceName("rnnlab-" + config.name() + "-" + config.port());
        hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
        hazelcast.setProperty("hazelcast.logging.type", "jdk");
        hazelcast.setProperty("hazelcast.shutdownhook.enabled", "false"); // the component shuts it down
        hazelcast.setProperty("hazelcast.socket.bind.any", "false");
        hazelcast.setProperty("hazelcast.wait.seconds.before.join", "1");
        hazelcast.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hazelcast.setProperty("hazelcast.max.no.heartbeat.seconds", LOST_AFTER_SECONDS);
        hazelcast.getMemberAttributeConfig().setAttribute(SLOTS, String.valueOf(config.slots()));

        NetworkConfig network = hazelcast.getNetworkConfig();
        network.setPort(config.port()).setPortAutoIncrement(false);
        network.setPublicAddress(config.host() + ":" + config.port());
        network.getInterfaces().setEnabled(true).setInterfaces(List.of(config.host()));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members(config.members()));
        return hazelcast;
    }

    /** The comma-separated member list as addresses. */
    static List<String> members(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
