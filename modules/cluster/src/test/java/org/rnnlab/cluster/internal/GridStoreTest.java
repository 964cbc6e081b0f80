package org.rnnlab.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Real members on 127.0.0.1 in this JVM: a run is taken by one member only, a lost member's run
 * is freed, and a member of another cluster name is kept out.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GridStoreTest {
    /** Hazelcast's own account of joins and losses, which this test provokes, would fill the build's output. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private final List<HazelcastInstance> members = new ArrayList<>();

    @BeforeAll
    static void quietHazelcast() {
        HAZELCAST_LOG.setLevel(Level.SEVERE);
    }

    @AfterEach
    void stopMembers() {
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    @Test
    void aPendingRunIsTakenOnceAndALostMembersRunGoesBackToTheQueue() throws Exception {
        int[] ports = freePorts(2);
        int a = ports[0];
        int b = ports[1];
        String list = "127.0.0.1:" + a + ",127.0.0.1:" + b;
        String name = "test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Membership first = join(MemberSettingsTest.config(name, "127.0.0.1", a, list, 1));
        Membership second = join(MemberSettingsTest.config(name, "127.0.0.1", b, list, 1));
        assertEquals(2, first.members().size());

        Ticket pending = Ticket.pending("g-1", "g", 0, Map.of("cell", "lstm", "steps", "100"));
        first.store().submit(pending);
        first.store().checkpoint("g-1", new byte[] {1, 2, 3});
        Ticket read = second.store().ticket("g-1").orElseThrow();
        assertEquals(pending, read);
        assertTrue(second.store().replace(read, read.claimedBy(second.id())), "the first to replace takes the run");
        assertFalse(first.store().replace(read, read.claimedBy(first.id())), "the second finds it taken");
        assertTrue(first.store().ticket("g-1").orElseThrow().runningOn(second.id()));

        members.get(1).getLifecycleService().terminate(); // the second member vanishes
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (first.memberIds().size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<Ticket> freed = new ArrayList<>();
        first.store().releaseOrphans(first.memberIds(), freed::add);
        assertEquals(List.of("g-1"), freed.stream().map(Ticket::run).toList());
        assertEquals(Ticket.Phase.PENDING, first.store().ticket("g-1").orElseThrow().phase());
        assertArrayEquals(new byte[] {1, 2, 3}, first.store().checkpoint("g-1").orElseThrow(),
                "the newest checkpoint survived its member (a backup on the other one)");
        assertEquals(List.of("g-1", "g", "100"), List.of(first.store().tickets().get(0).run(),
                first.store().tickets().get(0).experiment(), first.store().tickets().get(0).spec().get("steps")));
    }

    @Test
    void aMemberOfAnotherNameIsNotAdmitted() throws Exception {
        int[] ports = freePorts(2);
        int a = ports[0];
        int b = ports[1];
        String list = "127.0.0.1:" + a + ",127.0.0.1:" + b;
        String name = "test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Membership lab = join(MemberSettingsTest.config(name, "127.0.0.1", a, list, 1));
        Membership stranger = join(MemberSettingsTest.config(name + "-other", "127.0.0.1", b, list, 1));
        assertEquals(1, lab.members().size());
        assertEquals(1, stranger.members().size());
        lab.store().submit(Ticket.pending("g-1", "g", 0, Map.of()));
        assertTrue(stranger.store().tickets().isEmpty(), "nothing of the cluster reaches the stranger");
    }

    private Membership join(ClusterConfig config) {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(
                MemberSettings.hazelcast(MemberSettings.check(config), getClass().getClassLoader()));
        members.add(member);
        return new Membership(member, config.slots());
    }

    /**
     * Distinct free loopback ports below Linux's ephemeral range (32768 and up). A member dials
     * peers that are not listening yet; such a connection's own local port comes from the
     * ephemeral range and, on loopback, can be the very port it dials (a self-connect), which then
     * holds the port a member was to bind. Ports below the range cannot be taken that way.
     */
    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> open = new ArrayList<>();
        java.util.Random random = new java.util.Random();
        try {
            for (int i = 0; i < count;) {
                int port = 20_000 + random.nextInt(12_000);
                try {
                    open.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
                    ports[i++] = port;
                } catch (IOException taken) {
                    // in use: try another
                }
            }
        } finally {
            for (ServerSocket socket : open) {
                socket.close();
            }
        }
        return ports;
    }
}
