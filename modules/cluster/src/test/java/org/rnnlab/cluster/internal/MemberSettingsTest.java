package org.rnnlab.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.hazelcast.config.Config;

class MemberSettingsTest {
    @Test
    void aMemberListensOnOneInterfaceAndFindsOnlyTheListedMembers() {
        Config config = MemberSettings.hazelcast(
                MemberSettings.check(config("lab", "10.0.0.5", 6000, " 10.0.0.5:6000, 10.0.0.6:6000 ,", 3)),
                getClass().getClassLoader());
        assertEquals("lab", config.getClusterName());
        assertEquals(6000, config.getNetworkConfig().getPort());
        assertFalse(config.getNetworkConfig().isPortAutoIncrement());
        assertEquals(List.of("10.0.0.5"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
        assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
        assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
        assertFalse(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
        assertFalse(config.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled());
        assertTrue(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
        assertEquals(List.of("10.0.0.5:6000", "10.0.0.6:6000"), config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertEquals("3", config.getMemberAttributeConfig().getAttribute(MemberSettings.SLOTS));
    }

    @Test
    void aConfigurationWithAValueThatIsWrongIsRefusedInOneLineNamingTheKey() {
        String refused = "the cluster's configuration (org.rnnlab.cluster) is refused: ";
        assertEquals(refused + "port=0 is not accepted; expected an integer in [1, 65535]",
                refusal(config("lab", "127.0.0.1", 0, "127.0.0.1:5701", 1)));
        assertEquals(refused + "port=70000 is not accepted; expected an integer in [1, 65535]",
                refusal(config("lab", "127.0.0.1", 70000, "127.0.0.1:5701", 1)));
        assertEquals(refused + "slots=-1 is not accepted; expected an integer in [0, 256]",
                refusal(config("lab", "127.0.0.1", 5701, "127.0.0.1:5701", -1)));
        assertEquals(refused + "name= is not accepted; expected 1 to 64 letters, digits, '.', '_' or '-'",
                refusal(config(" ", "127.0.0.1", 5701, "127.0.0.1:5701", 1)));
        assertEquals(refused + "name=a b/x is not accepted; expected 1 to 64 letters, digits, '.', '_' or '-'",
                refusal(config("a b/x", "127.0.0.1", 5701, "127.0.0.1:5701", 1)));
        assertEquals(refused + "members: '127.0.0.1:abc' is not accepted; expected host or host:port, "
                + "comma-separated, with ports in [1, 65535]", refusal(config("lab", "127.0.0.1", 5701, "127.0.0.1:abc,foo", 1)));
        assertEquals(refused + "members: '10.0.0.1:99999' is not accepted; expected host or host:port, "
                + "comma-separated, with ports in [1, 65535]", refusal(config("lab", "127.0.0.1", 5701, "10.0.0.1:99999", 1)));
        assertEquals(refused + "members: '[::1]:abc' is not accepted; expected host or host:port, comma-separated, "
                + "with ports in [1, 65535]", refusal(config("lab", "127.0.0.1", 5701, "[::1]:abc", 1)));
        assertEquals(refused + "members: '[foo' is not accepted; expected host or host:port, comma-separated, "
                + "with ports in [1, 65535]", refusal(config("lab", "127.0.0.1", 5701, "[foo", 1)));
        assertEquals(refused + "members is empty; expected host:port, comma-separated (this member may be among them)",
                refusal(config("lab", "127.0.0.1", 5701, " , ", 1)));
        assertEquals(refused + "host is empty; expected the IP address of one of this machine's interfaces",
                refusal(config("lab", " ", 5701, "127.0.0.1:5701", 1)));
        // Declarative Services converts port=abc when it is read, in an exception of its own
        ClusterConfig unreadable = new Given("lab", "127.0.0.1", 5701, "127.0.0.1:5701", 1) {
            @Override
            public int port() {
                throw new IllegalStateException("conversion failed", new NumberFormatException("For input string: \"abc\""));
            }
        };
        assertEquals(refused + "port=abc is not accepted; expected an integer", refusal(unreadable));
        assertEquals(List.of("[::1]:5701", "host.example", "10.0.0.6:6000"),
                MemberSettings.check(config("lab", "::1", 5701, "[::1]:5701, host.example,10.0.0.6:6000", 0)).members());
    }

    private static String refusal(ClusterConfig config) {
        return org.junit.jupiter.api.Assertions.assertThrows(org.rnnlab.api.RnnlabException.class,
                () -> MemberSettings.check(config)).getMessage();
    }

    static ClusterConfig config(String name, String host, int port, String members, int slots) {
        return new Given(name, host, port, members, slots);
    }

    /** A configuration as Declarative Services hands it over, with the values given. */
    private static class Given implements ClusterConfig {
        private final String name;
        private final String host;
        private final int port;
        private final String members;
        private final int slots;

        Given(String name, String host, int port, String members, int slots) {
            this.name = name;
            this.host = host;
            this.port = port;
            this.members = members;
            this.slots = slots;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return ClusterConfig.class;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public String members() {
            return members;
        }

        @Override
        public int slots() {
            return slots;
        }
    }
}
