package org.rnnlab.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.shell.grid.GridTraining.Report;

/** A run's records keep the first report to reach any target, in either direction, and drop the rest. */
class MetricRecordsTest {
    @Test
    void aReportIsKeptWhenItsMetricIsLowerOrHigherThanEveryOneBefore() {
        MetricRecords records = new MetricRecords();
        double[] metrics = {0.5, 0.4, 0.45, 0.6, Double.NaN, 0.3, 0.35, 0.3, 0.2};
        for (int i = 0; i < metrics.length; i++) {
            records.add(100L * (i + 1), metrics[i]);
        }
        assertEquals(List.of(new Report(100, 0.5), new Report(200, 0.4), new Report(400, 0.6), new Report(600, 0.3),
                new Report(900, 0.2)), records.list());
        // the first step to reach each target, as a listener of every report would have found it
        for (double target : new double[] {0.45, 0.4, 0.35, 0.3, 0.25, 0.2}) {
            long first = 0;
            for (int i = 0; i < metrics.length && first == 0; i++) {
                first = metrics[i] <= target ? 100L * (i + 1) : 0;
            }
            assertEquals(first, records.list().stream().filter(r -> r.metric() <= target).findFirst().orElseThrow()
                    .step(), "lower is better, target " + target);
        }
        assertEquals(400, records.list().stream().filter(r -> r.metric() >= 0.55).findFirst().orElseThrow().step(),
                "higher is better (an accuracy)");
    }

    /** A run that goes on from a checkpoint trains the later steps again: their records are made again. */
    @Test
    void upToACheckpointKeepsTheRecordsMadeBeforeIt() {
        MetricRecords records = new MetricRecords(List.of(new Report(100, 0.5), new Report(200, 0.4),
                new Report(300, 0.3)));
        MetricRecords resumed = records.upTo(200);
        assertEquals(List.of(new Report(100, 0.5), new Report(200, 0.4)), resumed.list());
        resumed.add(300, 0.3);
        resumed.add(400, 0.45);
        assertEquals(records.list(), resumed.list(), "training the same steps again makes the same records");
    }
}
