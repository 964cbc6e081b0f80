package org.rnnlab.cluster.internal;

/**
 * What a member tells the cluster about a step of a run it trains: the numbers the shell's
 * status line and the dashboard's charts show. The gradient norms per layer and through time
 * stay on the member (they are for charts of one run, read where it trains).
 */
record RemoteReport(String run, String member, long step, double loss, double metric, double gradientNorm,
        double stepsPerSecond) {
}
