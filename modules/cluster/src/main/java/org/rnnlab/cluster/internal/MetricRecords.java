package org.rnnlab.cluster.internal;

import java.util.ArrayList;
import java.util.List;

import org.rnnlab.shell.grid.GridTraining.Report;

/**
 * A run's records: the step reports whose training metric was lower, or higher, than at every
 * report before. The first report to reach any target, whichever way the metric improves, is one
 * of them, so the coordinator finds a run's steps to target from its records even when it was not
 * listening as the run reached it (it attached later, or took over from a lost coordinator); and
 * they stay few (a metric that keeps improving makes one per report, at worst). Kept by the
 * worker that trains the run, stored in the cluster before each checkpoint, and cut back to a
 * checkpoint's step where a run goes on from one, since the steps after it are trained again.
 * Called from the training thread (reports) and the worker's thread (shipping).
 */
final class MetricRecords {
    private final List<Report> records = new ArrayList<>();
    private double lowest = Double.POSITIVE_INFINITY;
    private double highest = Double.NEGATIVE_INFINITY;
    /** The latest step reported, record or not. */
    private long heard;

    MetricRecords() {
    }

    MetricRecords(List<Report> reports) {
        reports.forEach(report -> add(report.step(), report.metric()));
    }

    /** A step report's metric: kept when it is a record. A NaN metric is never one (it reaches no target). */
    synchronized void add(long step, double metric) {
        heard = Math.max(heard, step);
        if (metric < lowest || metric > highest) {
            records.add(new Report(step, metric));
            lowest = Math.min(lowest, metric);
            highest = Math.max(highest, metric);
        }
    }

    /** The records made up to {@code step}: where a run goes on from a checkpoint at that step. */
    synchronized MetricRecords upTo(long step) {
        MetricRecords kept = new MetricRecords(records.stream().filter(report -> report.step() <= step).toList());
        kept.heard = step;
        return kept;
    }

    /** Whether a report of {@code step} or a later one has come. */
    synchronized boolean heardUpTo(long step) {
        return heard >= step;
    }

    synchronized List<Report> list() {
        return List.copyOf(records);
    }
}
