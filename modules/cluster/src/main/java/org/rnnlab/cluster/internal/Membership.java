package org.rnnlab.cluster.internal;

import java.util.Set;
import java.util.stream.Collectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;

/** This runtime's place in a running cluster: its identity, the other members, the shared state. */
final class Membership {
    private final HazelcastInstance hazelcast;
    private final GridStore store;
    private final int slots;

    Membership(HazelcastInstance hazelcast, int slots) {
        this.hazelcast = hazelcast;
        this.store = new GridStore(hazelcast);
        this.slots = slots;
    }

    GridStore store() {
        return store;
    }

    int slots() {
        return slots;
    }

    String name() {
        return hazelcast.getConfig().getClusterName();
    }

    /** This member's identity in tickets. */
    String id() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    Set<String> memberIds() {
        return hazelcast.getCluster().getMembers().stream().map(m -> m.getUuid().toString()).collect(Collectors.toSet());
    }

    /** The members, the oldest first, as Hazelcast lists them. */
    Set<Member> members() {
        return hazelcast.getCluster().getMembers();
    }

    /** Runs the members train at once, all together. */
    int slotsInCluster() {
        return members().stream().mapToInt(Membership::slots).sum();
    }

    static int slots(Member member) {
        try {
            return Integer.parseInt(String.valueOf(member.getAttribute(MemberSettings.SLOTS)));
        } catch (NumberFormatException e) {
            return 0; // a member without rnnlab's attribute trains nothing
        }
    }

    /** A member's host:port for people, or a plain phrase once it has left. */
    String address(String memberId) {
        return members().stream().filter(m -> m.getUuid().toString().equals(memberId)).findFirst()
                .map(Membership::address).orElse("a member that left");
    }

    static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    /** Calls back whenever a member joins or leaves (on a Hazelcast thread: return quickly). */
    java.util.UUID onMembersChange(Runnable callback) {
        return hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                callback.run();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                callback.run();
            }
        });
    }

    void removeMembersListener(java.util.UUID id) {
        hazelcast.getCluster().removeMembershipListener(id);
    }

    void leave() {
        hazelcast.shutdown();
    }
}
