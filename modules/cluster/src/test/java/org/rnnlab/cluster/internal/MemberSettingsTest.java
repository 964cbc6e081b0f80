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
        Config config = MemberSettings.hazelcast(config("lab", "10.0.0.5", 6000, " 10.0.0.5:6000, 10.0.0.6:6000 ,", 3),
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

    static ClusterConfig config(String name, String host, int port, String members, int slots) {
        return new ClusterConfig() {
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
        };
    }
}
