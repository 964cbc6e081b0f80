package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.StepReport;

class ReportHistoryTest {
    private static StepReport report(long step) {
        return new StepReport("r", step, 1.0 / step, 0, 1, new double[0], new double[0], 1, 1, Map.of());
    }

    @Test
    void keepsEveryReportUpToCapacityThenThinsEvenlyAndStaysBounded() {
        ReportHistory history = new ReportHistory();
        for (long step = 1; step < ReportHistory.CAPACITY; step++) {
            history.add(report(step));
        }
        assertEquals(ReportHistory.CAPACITY - 1, history.reports().size());
        for (long step = ReportHistory.CAPACITY; step <= 20 * ReportHistory.CAPACITY; step++) {
            history.add(report(step));
        }
        List<StepReport> kept = history.reports();
        assertTrue(kept.size() < ReportHistory.CAPACITY, "bounded: " + kept.size());
        assertTrue(kept.size() >= ReportHistory.CAPACITY / 2 - 1, "not thinned more than needed: " + kept.size());
        assertEquals(1, kept.get(0).step(), "the first report stays");
        long gap = kept.get(1).step() - kept.get(0).step();
        for (int i = 1; i < kept.size(); i++) {
            assertEquals(gap, kept.get(i).step() - kept.get(i - 1).step(), "evenly spaced at " + i);
        }
    }

    @Test
    void reportsWithAnEvaluationAreAlwaysKept() {
        ReportHistory history = new ReportHistory();
        for (long step = 1; step <= 10L * ReportHistory.CAPACITY; step++) {
            StepReport r = report(step);
            history.add(step % 777 == 0 ? r.withEvaluation(new Evaluation("r", step, 0.1, 0.1, "mse", 0.2, 8)) : r);
        }
        long evaluations = history.reports().stream().filter(r -> r.evaluation() != null).count();
        assertEquals(10L * ReportHistory.CAPACITY / 777, evaluations);
    }

    @Test
    void aRollbackForgetsTheReportsAfterTheStepItWentBackTo() {
        ReportHistory history = new ReportHistory();
        for (long step = 1; step <= 100; step++) {
            history.add(report(step));
        }
        history.truncateAfter(40);
        history.add(report(41));
        List<StepReport> kept = history.reports();
        assertEquals(41, kept.size());
        assertEquals(41, kept.get(40).step());
    }
}
