package org.rnnlab.itest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A folder FileInstall watches, added as an administrator would: a factory configuration of
 * FileInstall made through ConfigurationAdmin (polled every 200 ms, new bundles started).
 */
final class WatchedFolder {
    private static final String FILEINSTALL_FACTORY_PID = "org.apache.felix.fileinstall";

    private WatchedFolder() {
    }

    /** Starts watching {@code folder}; delete the returned configuration to stop. */
    static Configuration watch(ConfigurationAdmin configurationAdmin, Path folder) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("felix.fileinstall.dir", folder.toString());
        properties.put("felix.fileinstall.poll", "200");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.bundles.new.start", "true");
        // Location null: bound to FileInstall, whose ManagedServiceFactory has this PID.
        Configuration watcher = configurationAdmin.createFactoryConfiguration(FILEINSTALL_FACTORY_PID, null);
        watcher.update(properties);
        return watcher;
    }
}
