package org.rnnlab.cluster.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rnnlab.api.RnnlabException;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

/**
 * The Hazelcast configuration of a member, from rnnlab's: one interface, one port, TCP/IP join to
 * the listed members only, nothing that reaches beyond them (no multicast, no cloud discovery, no
 * phone-home), and a shorter silence before a member counts as lost than Hazelcast's minute,
 * because its runs wait for that.
 *
 * <p>The configuration is checked as a whole before anything starts ({@link #check}): a value
 * that is no number, out of range or malformed refuses it in one line that names the key, and
 * the member then answers every command that needs the cluster with that line instead of
 * joining.
 */
final class MemberSettings {
    /** A member attribute: how many runs it trains at once, for rnn:cluster and for claiming. */
    static final String SLOTS = "rnnlab.slots";
    private static final String LOST_AFTER_SECONDS = "10";
    /** A cluster's name: it is also part of Hazelcast's instance name and of rnnlab's lines. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** host or host:port; an IPv6 address in brackets. */
    private static final Pattern MEMBER = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]\\s]+)(?::(\\d{1,5}))?");
    /** A number the configuration held as text, in the message of the conversion's failure. */
    private static final Pattern INPUT = Pattern.compile("For input string: \"(.*)\"");
    private static final int MAX_SLOTS = 256;

    /** A configuration that has been checked: only these values reach Hazelcast. */
    record Checked(String name, String host, int port, List<String> members, int slots) {
        String address() {
            return host + ":" + port;
        }
    }

    private MemberSettings() {
    }

    /** The configuration's values, or a one-line refusal naming the first key that is wrong. */
    static Checked check(ClusterConfig config) {
        String name = read("name", config::name, "text").strip();
        if (!NAME.matcher(name).matches()) {
            throw refused("name=" + name + " is not accepted; expected 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String host = read("host", config::host, "text").strip();
        if (host.isEmpty()) {
            throw refused("host is empty; expected the IP address of one of this machine's interfaces");
        }
        int port = read("port", config::port, "an integer");
        if (port < 1 || port > 65535) {
            throw refused("port=" + port + " is not accepted; expected an integer in [1, 65535]");
        }
        List<String> members = new ArrayList<>();
        for (String member : members(read("members", config::members, "text"))) {
            if (!wellFormed(member)) {
                throw refused("members: '" + member + "' is not accepted; expected host or host:port, "
                        + "comma-separated, with ports in [1, 65535]");
            }
            members.add(member);
        }
        if (members.isEmpty()) {
            throw refused("members is empty; expected host:port, comma-separated (this member may be among them)");
        }
        int slots = read("slots", config::slots, "an integer");
        if (slots < 0 || slots > MAX_SLOTS) {
            throw refused("slots=" + slots + " is not accepted; expected an integer in [0, " + MAX_SLOTS + "]");
        }
        return new Checked(name, host, port, List.copyOf(members), slots);
    }

    /** host or host:port, the port in range. */
    private static boolean wellFormed(String member) {
        Matcher m = MEMBER.matcher(member);
        if (!m.matches()) {
            return false;
        }
        int port = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65535;
    }

    /**
     * One value of the configuration. Declarative Services converts it to the key's type only when
     * it is read, and says that it could not in its own exception.
     */
    private static <T> T read(String key, Supplier<T> value, String expected) {
        try {
            T read = value.get();
            if (read == null) {
                throw refused(key + " has no value");
            }
            return read;
        } catch (RnnlabException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            Matcher input = INPUT.matcher(String.valueOf(cause.getMessage()));
            String given = input.find() ? "=" + input.group(1) : "";
            throw refused(key + given + " is not accepted; expected " + expected);
        }
    }

    private static RnnlabException refused(String why) {
        return new RnnlabException("the cluster's configuration (" + ClusterMember.PID + ") is refused: " + why);
    }

    static Config hazelcast(Checked config, ClassLoader classes) {
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
        join.getTcpIpConfig().setEnabled(true).setMembers(config.members());
        return hazelcast;
    }

    /** The comma-separated member list as addresses. */
    static List<String> members(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
