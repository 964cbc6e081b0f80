package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.List;

import org.rnnlab.api.trainer.StepReport;

/**
 * The step reports of one run, for charts and exports. Memory stays bounded however long a run
 * trains: when {@link #CAPACITY} reports are held, every other one is dropped and from then on
 * only every other report is recorded (so the kept ones stay evenly spaced in steps). Reports
 * that carry a held-out evaluation or flow diagnostics are always kept: they are rare and are
 * what the eval curve and the heatmap of Jacobian norms are drawn from.
 * <p>
 * The history lives in memory for the runtime's lifetime; it is not part of a checkpoint (the
 * evaluation history is). After a rollback the reports past the restored step are dropped, so a
 * curve never runs backwards.
 */
final class ReportHistory {
    static final int CAPACITY = 2048;

    private final List<StepReport> kept = new ArrayList<>();
    private long stride = 1;
    private long offered;

    synchronized void add(StepReport report) {
        if (offered++ % stride != 0 && !precious(report)) {
            return;
        }
        kept.add(report);
        if (kept.size() >= CAPACITY) {
            thin();
        }
    }

    synchronized List<StepReport> reports() {
        return List.copyOf(kept);
    }

    /** Forgets the reports after {@code step}, after the run went back to it. */
    synchronized void truncateAfter(long step) {
        kept.removeIf(r -> r.step() > step);
    }

    private void thin() {
        List<StepReport> half = new ArrayList<>(kept.size() / 2 + 1);
        for (int i = 0; i < kept.size(); i++) {
            if (i % 2 == 0 || precious(kept.get(i))) {
                half.add(kept.get(i));
            }
        }
        kept.clear();
        kept.addAll(half);
        stride *= 2;
    }

    private static boolean precious(StepReport report) {
        return report.evaluation() != null || report.diagnostics() != null;
    }
}
