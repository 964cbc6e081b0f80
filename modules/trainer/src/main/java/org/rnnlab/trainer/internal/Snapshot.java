package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.optim.SlotSpec;

/**
 * A deep copy of everything about a run that influences a future step or evaluation (DESIGN,
 * "a run is its checkpoint"). Taken between two steps, it is the content of a checkpoint: the
 * run trains on while it is written.
 *
 * @param spec       the run spec as typed, live changes included
 * @param rng        the training generator's state
 * @param parameters every parameter by qualified name, in the network's order
 * @param slots      the optimizer's slots per parameter, in the order of {@code slotSpecs}
 * @param reports    each remedy's report, which is also its memory (guard counters, ...)
 * @param statistics accumulated matrices: the ridge readout's sums, the state carried into the
 *                   next batch ({@code carried.LAYER.COMPONENT})
 * @param memory     the trainer's own scalars: learning-rate factor, last loss and metric,
 *                   early stopping and plateau counters
 * @param rollbacks  the rollback points a remedy asked for, oldest first
 * @param history    the held-out evaluations of eval.every, oldest first
 */
record Snapshot(Map<String, String> spec, long step, long batchIndex, long updates, long[] rng,
        Map<String, DMatrixRMaj> parameters, List<SlotSpec> slotSpecs, List<DMatrixRMaj[]> slots,
        Map<String, Map<String, Double>> reports, Map<String, DMatrixRMaj> statistics, Map<String, Double> memory,
        List<RollbackPoint> rollbacks, List<org.rnnlab.api.trainer.Evaluation> history) {

    /** Parameters and optimizer slots as they were after one step, in the network's order. */
    record RollbackPoint(long step, List<DMatrixRMaj> parameters, List<DMatrixRMaj[]> slots) {
    }

    static DMatrixRMaj[] copy(DMatrixRMaj[] matrices) {
        DMatrixRMaj[] out = new DMatrixRMaj[matrices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = matrices[i].copy();
        }
        return out;
    }

    static Map<String, Map<String, Double>> copyReports(Map<String, Map<String, Double>> reports) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        reports.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        return copy;
    }

    /** The first non-finite value's place, or null when every number is finite. */
    String firstNonFinite() {
        for (Map.Entry<String, DMatrixRMaj> p : parameters.entrySet()) {
            if (!finite(p.getValue())) {
                return "parameter " + p.getKey();
            }
        }
        List<String> names = new ArrayList<>(parameters.keySet());
        for (int i = 0; i < slots.size(); i++) {
            for (int s = 0; s < slots.get(i).length; s++) {
                if (!finite(slots.get(i)[s])) {
                    return "optimizer slot " + slotSpecs.get(s).name() + " of " + names.get(i);
                }
            }
        }
        for (Map.Entry<String, DMatrixRMaj> s : statistics.entrySet()) {
            if (!finite(s.getValue())) {
                return s.getKey();
            }
        }
        return null;
    }

    private static boolean finite(DMatrixRMaj m) {
        for (int i = 0; i < m.getNumElements(); i++) {
            if (!Double.isFinite(m.data[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses a snapshot that would put NaN or infinity into a run, or a count or state no run
     * can reach (a file written by hand or damaged beyond its checksum).
     */
    Snapshot requireFinite(Object source) {
        String bad = firstNonFinite();
        if (bad != null) {
            throw new RnnlabException("checkpoint " + source + " holds a non-finite value in " + bad + "; nothing was loaded");
        }
        String impossible = firstImpossible();
        if (impossible != null) {
            throw new RnnlabException("checkpoint " + source + " holds " + impossible + ", which no run reaches; nothing was loaded");
        }
        return this;
    }

    /** A count below zero, a learning-rate factor below zero or not finite, or a generator stuck at zero. */
    private String firstImpossible() {
        if (step < 0 || batchIndex < 0 || updates < 0) {
            return "a negative step, batch or update count";
        }
        Double factor = memory.get("lr.factor");
        if (factor != null && !(factor >= 0 && Double.isFinite(factor))) { // a backoff may underflow to 0
            return "lr.factor=" + factor;
        }
        if (rng == null || rng.length != 5 || (rng[0] | rng[1] | rng[2] | rng[3]) == 0) {
            return "a random generator state that is empty or all zero";
        }
        return null;
    }
}
