package org.rnnlab.optim.internal;


import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.testkit.DeclarativeComponents;

/** The bundle's optimizers by the names they register with, and what tests do with them. */
final class Optimizers {
    /** The components declared by the descriptors on the test class path: this bundle's. */
    static final DeclarativeComponents COMPONENTS = DeclarativeComponents.onClassPath();

    private Optimizers() {
    }

    static Optimizer named(String name) {
        return COMPONENTS.require(Optimizer.class, name);
    }

    /** {@code keyValues} as "k=v k=v" (blank for none), owned by {@code name} as the trainer does. */
    static UpdateRule configure(String name, String keyValues) {
        return named(name).configure(options(name, keyValues));
    }

    static Options options(String owner, String keyValues) {
        return DeclarativeComponents.options(owner, keyValues);
    }

    /** Zero slots as the run allocates them for a fresh parameter. */
    static DMatrixRMaj[] freshSlots(UpdateRule rule, DMatrixRMaj param) {
        return rule.slots().stream()
                .map((SlotSpec slot) -> slot.scalar() ? new DMatrixRMaj(1, 1) : new DMatrixRMaj(param.numRows, param.numCols))
                .toArray(DMatrixRMaj[]::new);
    }

    /** {@code steps} updates from {@code grads}, with the rule's own learning rate schedule. */
    static void run(UpdateRule rule, DMatrixRMaj param, DMatrixRMaj[] slots, DMatrixRMaj[] grads, long firstStep) {
        for (int k = 0; k < grads.length; k++) {
            rule.apply(param, grads[k], slots, rule.learningRate(firstStep + k));
        }
    }
}
