package org.rnnlab.shell.internal;

import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.RnnlabException;

/**
 * Turns a bundle id into its bundle for Gogo, so {@code stop 42} and {@code update 42} work
 * under {@code -c} and {@code --script} too: Gogo's own converter comes with the interactive
 * console's bundle, which those modes leave stopped.
 */
@Component(service = Converter.class)
public class BundleIds implements Converter {
    private final BundleContext context;

    @Activate
    public BundleIds(BundleContext context) {
        this.context = context;
    }

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        // Gogo hands over a number it has already parsed, or the word as typed
        String id = in instanceof Number || in instanceof CharSequence ? in.toString() : "";
        if (desiredType != Bundle.class || !id.matches("\\d{1,18}")) {
            return null;
        }
        Bundle bundle = context.getBundle(Long.parseLong(id));
        if (bundle == null) {
            throw new RnnlabException("no bundle has id " + id + " (lb lists them)");
        }
        return bundle;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        return null;
    }
}
