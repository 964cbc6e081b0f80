package org.rnnlab.cluster.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The cluster member's configuration, PID {@value ClusterMember#PID}, e.g. a
 * {@code drop-in/org.rnnlab.cluster.cfg}. Without one, nothing of Hazelcast starts.
 */
@ObjectClassDefinition(id = ClusterMember.PID, name = "rnnlab cluster",
        description = "Makes this runtime a member of an rnnlab cluster that trains experiment grids")
@interface ClusterConfig {
    @AttributeDefinition(name = "name", description = "the cluster's name: members with another name are refused")
    String name() default "rnnlab";

    @AttributeDefinition(name = "host", description = "the IP address of the one interface this member binds to and is reached at; "
            + "it listens on no other")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "port", description = "the port this member listens on", min = "1", max = "65535")
    int port() default 5701;

    @AttributeDefinition(name = "members", description = "where to find the other members: host:port, "
            + "comma-separated (this member may be among them)")
    String members() default "127.0.0.1:5701";

    @AttributeDefinition(name = "slots", description = "runs this member trains at once (0: it only coordinates)",
            min = "0")
    int slots() default 1;
}
