package org.rnnlab.backend.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;

/** The unavailable paths: no BLAS, no enabled component, and a reason that says how to fix it. */
class NetlibProbesTest {
    @Test
    void aMissingSystemLibraryIsReportedWithItsCauseAndTheFix() {
        Availability probe = NetlibProbes.nativeBlas(() -> {
            throw new ExceptionInInitializerError(new RuntimeException("Unable to load native implementation",
                    new UnsatisfiedLinkError("libblas.so.3: cannot open shared object file")));
        });
        assertFalse(probe.available());
        assertNull(probe.blas());
        assertTrue(probe.reason().contains("UnsatisfiedLinkError: libblas.so.3: cannot open shared object file"),
                probe.reason());
        assertTrue(probe.reason().contains("apt-get install libopenblas0"), probe.reason());
    }

    @Test
    void aJvmWithoutTheVectorModuleIsToldHowToStart() {
        Availability probe = NetlibProbes.javaVector(false, () -> {
            throw new AssertionError("netlib must not be asked when the module is absent");
        });
        assertFalse(probe.available());
        assertTrue(probe.reason().contains("--add-modules jdk.incubator.vector"), probe.reason());
    }

    @Test
    void aFallbackImplementationIsNotTakenForTheVectorOne() {
        BLAS fallback = (BLAS) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JavaBLAS.class },
                (proxy, method, args) -> null);
        Availability probe = NetlibProbes.javaVector(true, () -> fallback);
        assertFalse(probe.available());
        assertTrue(probe.reason().contains("org.osgi.framework.system.packages.extra=jdk.incubator.vector"),
                probe.reason());
    }

    @Test
    void onlyAvailableBackendsAreEnabled() {
        Map<String, Availability> probes = new LinkedHashMap<>();
        probes.put(BackendEnabler.NATIVE, Availability.missing("no library"));
        probes.put(BackendEnabler.VECTOR, NetlibProbes.javaVector(true, JavaBLAS::getInstance));
        List<String> enabled = new ArrayList<>();
        BackendEnabler.enable(probes, enabled::add);
        assertEquals(List.of(BackendEnabler.VECTOR), enabled);
    }
}
