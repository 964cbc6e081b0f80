package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void bundlesStartInThePlatformsOrderServiceLoaderMediatorFirst() {
        List<String> order = Platform.platformBundles().stream().map(Platform.PlatformBundle::name).toList();
        assertEquals("org.apache.aries.spifly.dynamic.bundle", order.get(0));
        assertTrue(order.indexOf("slf4j.jdk14") < order.indexOf("org.apache.felix.http.jetty12"), order::toString);
        assertTrue(order.contains("org.rnnlab.dashboard"), order::toString);
        assertTrue(order.stream().allMatch(n -> n.matches("[A-Za-z][\\w.-]*")), "names only, no version ranges: " + order);
    }

    @Test
    void theWebServerAndWhatOnlyItNeedsStartAfterThePromptEverythingElseAtOnce() {
        java.util.Set<String> late = java.util.Set.of("org.apache.aries.spifly.dynamic.bundle",
                "org.objectweb.asm", "org.objectweb.asm.commons", "org.objectweb.asm.util", "org.objectweb.asm.tree",
                "org.objectweb.asm.tree.analysis", "slf4j.api", "slf4j.jdk14");
        for (Platform.PlatformBundle bundle : Platform.platformBundles()) {
            int expected = bundle.name().equals("org.apache.felix.http.jetty12") ? 3 : late.contains(bundle.name()) ? 2 : 1;
            assertEquals(expected, bundle.startLevel(), bundle.name());
        }
    }

    @Test
    void theDashboardListensOnLoopbackByDefault() {
        assertEquals("127.0.0.1", Platform.runProperties().get("org.apache.felix.http.host"));
    }
}
