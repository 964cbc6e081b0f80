package org.rnnlab.core.cell;

import java.util.function.Supplier;

/**
 * How every bundle chooses between its Vector API kernels and its scalar ones: the vector ones
 * when the JVM has {@code jdk.incubator.vector} (the runtime's launcher adds it) and
 * {@code -Drnnlab.scalarKernels=true} is not set; the scalar ones otherwise, and also when the
 * module is there but the calling bundle's optional import of it is not wired. Kernels of both
 * kinds give the same bits by contract (each bundle tests it), so the choice changes only speed.
 */
public final class KernelChoice {
    private KernelChoice() {
    }

    /**
     * The vector kernels if they can run here, else the scalar ones. Pass a lambda that calls the
     * vector class's constructor, not a constructor reference: the class must first be touched
     * inside this method, where its missing module is caught. The vector class should use the
     * module in a static field, so that a missing wire shows at construction, not at a first call.
     */
    public static <T> T of(Supplier<? extends T> vector, Supplier<? extends T> scalar) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                || Boolean.getBoolean("rnnlab.scalarKernels")) {
            return scalar.get();
        }
        try {
            return vector.get();
        } catch (LinkageError e) {
            return scalar.get(); // module present, but the caller's optional import is not wired
        }
    }
}
