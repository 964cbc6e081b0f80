package org.rnnlab.backend.blas;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Enables the backend components whose implementation loads. They are declared disabled, so a
 * backend that cannot work never registers a service, and one that can is an ordinary DS
 * component (declarative properties, visible to scr:list) rather than a hand-registered service.
 */
@Component(immediate = true)
public class BackendEnabler {
    static final String NATIVE = "org.rnnlab.backend.blas.native";
    static final String VECTOR = "org.rnnlab.backend.blas.java-vector";
    private static final Logger LOG = System.getLogger(BackendEnabler.class.getName());

    @Activate
    void activate(ComponentContext context) {
        enable(Map.of(NATIVE, NetlibProbes.NATIVE, VECTOR, NetlibProbes.VECTOR), context::enableComponent);
    }

    /** Enables the component of each available implementation and says why each other one is missing. */
    static void enable(Map<String, Availability> probes, Consumer<String> enabler) {
        probes.forEach((component, availability) -> {
            if (availability.available()) {
                enabler.accept(component);
            } else {
                LOG.log(Level.INFO, "rnnlab backend " + backendName(component) + " is not available: "
                        + availability.reason());
            }
        });
    }

    private static String backendName(String component) {
        return component.substring(component.lastIndexOf('.') + 1);
    }
}
