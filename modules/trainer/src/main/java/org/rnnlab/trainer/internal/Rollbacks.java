package org.rnnlab.trainer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.remedy.Rollback;
import org.rnnlab.trainer.internal.model.Parameter;

/**
 * The rollback points a remedy asked for ({@link Rollback}): copies of the parameters and
 * optimizer slots taken every {@code every} steps, {@code keep} of them. An explosion builds up
 * over an unknown number of steps, so the kept points thin out with age rather than only
 * covering the last {@code keep * every} steps: when one too many are held, the one whose
 * removal leaves the smallest gap goes (never the oldest nor the newest), which spaces them
 * roughly geometrically back to the first. The first is taken before the first step under a
 * policy (for a new run, its initial parameters), so a run that explodes at once still has a
 * place to return to. A point the run returns to is used up, with the newer ones: if the run
 * explodes again before the next point is due, the next rollback goes further back. The first
 * is never used up (a run with a smaller learning rate may start from it again). Points are
 * never changed once taken, so a snapshot may share them.
 */
final class Rollbacks {
    private Rollback policy;
    private final ArrayDeque<Snapshot.RollbackPoint> points = new ArrayDeque<>();
    /** Whether a point was taken under the current policy (else the next step takes one at once). */
    boolean started;

    void configure(Rollback next) {
        if (next == null || !next.equals(policy)) {
            started = started && next != null && policy != null;
        }
        policy = next;
        if (next == null) {
            points.clear();
        }
        trim();
    }

    /** Forgets every point (they belong to another optimizer); the next step takes a first one again. */
    void clear() {
        points.clear();
        started = false;
    }

    /** Before a step: the first point under a policy is the parameters as they are now. */
    void beforeStep(long step, List<Parameter> params, DMatrixRMaj[][] slots) {
        if (policy != null && !started) {
            started = true;
            take(step, params, slots);
        }
    }

    /** After a step whose updates were applied: keeps a copy when one is due. */
    void afterStep(long step, List<Parameter> params, DMatrixRMaj[][] slots) {
        if (policy != null && started && step % policy.every() == 0) {
            take(step, params, slots);
        }
    }

    private void take(long step, List<Parameter> params, DMatrixRMaj[][] slots) {
        List<DMatrixRMaj> values = new ArrayList<>();
        params.forEach(p -> values.add(p.value().copy()));
        List<DMatrixRMaj[]> slotCopies = new ArrayList<>();
        for (DMatrixRMaj[] perParam : slots) {
            slotCopies.add(Snapshot.copy(perParam));
        }
        points.addLast(new Snapshot.RollbackPoint(step, values, slotCopies));
        trim();
    }

    private void trim() {
        while (policy != null && points.size() > policy.keep()) {
            List<Snapshot.RollbackPoint> list = new ArrayList<>(points);
            if (list.size() < 3) {
                points.removeLast(); // keep=1: the first stays, the last resort
                continue;
            }
            int drop = 1;
            for (int i = 2; i < list.size() - 1; i++) {
                long gap = list.get(i + 1).step() - list.get(i - 1).step();
                if (gap < list.get(drop + 1).step() - list.get(drop - 1).step()) {
                    drop = i;
                }
            }
            points.remove(list.get(drop));
        }
    }

    /** Oldest first, for checkpoints. */
    List<Snapshot.RollbackPoint> points() {
        return List.copyOf(points);
    }

    /** The points to try when rolling back, newest first. */
    List<Snapshot.RollbackPoint> newestFirst() {
        List<Snapshot.RollbackPoint> out = new ArrayList<>(points);
        java.util.Collections.reverse(out);
        return out;
    }

    private static boolean fits(Snapshot.RollbackPoint point, List<Parameter> params, DMatrixRMaj[][] slots) {
        if (point.parameters().size() != params.size() || point.slots().size() != params.size()) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!sameShape(point.parameters().get(i), params.get(i).value()) || point.slots().get(i).length != slots[i].length) {
                return false;
            }
            for (int s = 0; s < slots[i].length; s++) {
                if (!sameShape(point.slots().get(i)[s], slots[i][s])) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean sameShape(DMatrixRMaj a, DMatrixRMaj b) {
        return a.numRows == b.numRows && a.numCols == b.numCols;
    }

    /** Forgets the point of {@code step} and those after it, but never the first: the run has gone back to it. */
    void useUp(long step) {
        Snapshot.RollbackPoint first = points.peekFirst();
        points.removeIf(p -> p.step() >= step && p != first);
    }

    void restore(List<Snapshot.RollbackPoint> saved, List<Parameter> params, DMatrixRMaj[][] slots) {
        for (Snapshot.RollbackPoint p : saved) {
            if (!fits(p, params, slots)) {
                throw new RnnlabException("checkpoint rollback point of step " + p.step() + " does not fit the model");
            }
        }
        points.clear();
        points.addAll(saved);
    }
}
