package org.rnnlab.launcher;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;

/**
 * Registers one of the launcher's own Gogo commands (scope {@code rnnlab}) from outside the
 * framework: the object is registered under {@code Object}, since Gogo finds commands by their
 * properties and calls them reflectively, and no launcher class is shared with a bundle.
 */
final class LauncherCommand {
    private LauncherCommand() {
    }

    static void register(BundleContext context, Object command, String function) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "rnnlab");
        properties.put("osgi.command.function", new String[] {function});
        context.registerService(Object.class.getName(), command, properties);
    }
}
