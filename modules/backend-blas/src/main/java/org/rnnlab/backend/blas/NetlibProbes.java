package org.rnnlab.backend.blas;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * Loads each netlib implementation once per bundle. The native probe runs first on purpose: it
 * initialises netlib's JNI class itself to keep the cause of a failure, which netlib's own
 * instance builder (run by either getInstance) logs without it.
 */
final class NetlibProbes {
    private static final String JNI_BLAS = "dev.ludovic.netlib.blas.JNIBLAS";
    private static final String VECTOR_BLAS = "dev.ludovic.netlib.blas.VectorBLAS";

    static final Availability NATIVE = nativeBlas(NetlibProbes::loadNative);
    static final Availability VECTOR = javaVector(
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), JavaBLAS::getInstance);

    private NetlibProbes() {
    }

    static Availability nativeBlas(Callable<? extends BLAS> loader) {
        try {
            return Availability.of(loader.call());
        } catch (Exception | LinkageError e) {
            // The shim fails with a bare "unsupported JNI version" when it cannot open libblas.so.3: name it here.
            return Availability.missing("netlib's JNI shim could not load the system BLAS libblas.so.3 ("
                    + rootCause(e) + "); install it with: apt-get install libopenblas0");
        }
    }

    static Availability javaVector(boolean vectorModulePresent, Supplier<? extends BLAS> loader) {
        if (!vectorModulePresent) {
            return Availability.missing("the JDK Vector API is not in this JVM;"
                    + " start it with: java --add-modules jdk.incubator.vector");
        }
        BLAS blas = loader.get();
        if (blas.getClass().getName().equals(VECTOR_BLAS)) {
            return Availability.of(blas);
        }
        return Availability.missing("jdk.incubator.vector is in this JVM but netlib chose "
                + blas.getClass().getSimpleName() + "; the OSGi framework must export the package"
                + " (org.osgi.framework.system.packages.extra=jdk.incubator.vector)");
    }

    private static NativeBLAS loadNative() throws ClassNotFoundException {
        Class.forName(JNI_BLAS, true, NativeBLAS.class.getClassLoader());
        return NativeBLAS.getInstance();
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
