/**
 * rnnlab's optional cluster: an embedded Hazelcast member that trains experiment grids with
 * other runtimes. Decisions:
 * <ul>
 * <li><b>Off unless configured.</b> The member is a component that requires its configuration
 * (PID {@code org.rnnlab.cluster}); without one no Hazelcast class is loaded and no port opens.
 * It joins on a thread of its own, so a configured runtime's prompt does not wait either.</li>
 * <li><b>Runs are distributed, not steps.</b> One run trains on one member, with the Trainer the
 * member has; the shell's grid, checks and table are the same code with or without a cluster
 * ({@code org.rnnlab.shell.grid}).</li>
 * <li><b>Hazelcast's maps and listeners, not a scheduler of ours.</b> A map of tickets (one per
 * run) is the queue: a member with a free slot takes a pending ticket by an atomic replace of the
 * exact bytes it read; entry and membership listeners wake members. A map holds each run's
 * newest checkpoint; a member that leaves has its runs put back in the queue by whoever notices
 * first (the replace makes that race harmless), and the next member resumes them from that
 * checkpoint. Resuming is exact, so the table is the one an uninterrupted grid gives. (The
 * durable executor was the alternative: it places a task by its key's partition, so it can
 * neither honour per-member slots nor give work to a member that joins late.) The CP subsystem
 * is not used: it is not in the community edition, and nothing here needs consensus beyond the
 * per-key atomicity a map gives.</li>
 * <li><b>Records, not report logs.</b> So that a coordinator that attaches late still finds the
 * step at which a run reached a target, the member keeps the run's {@link MetricRecords} (the
 * reports that beat every one before, up or down) and stores them before each checkpoint: at
 * most one pair of numbers per report, usually far fewer, where the reliable topic keeps only a
 * bounded ring of every run's reports.</li>
 * <li><b>Explicit bytes.</b> Tickets, step reports and records are written by {@link Codec}; checkpoints
 * are the Trainer's own format. No Java serialization, no rnnlab type inside Hazelcast.</li>
 * <li><b>Loopback by default.</b> The member binds to one configured interface only, joins by
 * TCP/IP to the listed members only (no multicast, no discovery, no phone-home) and admits only
 * members of its cluster name. The name is not a secret: the port is open to whoever can reach
 * it, which is why the default is 127.0.0.1 (README: Running on several machines).</li>
 * </ul>
 */
package org.rnnlab.cluster.internal;
