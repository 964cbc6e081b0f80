package org.rnnlab.dashboard.internal;

import java.util.Dictionary;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;

/**
 * Checks the web server's port before Felix HTTP sees it (a ConfigAdmin plugin for its PID,
 * {@code org.apache.felix.http}, which {@code drop-in/org.apache.felix.http.cfg} configures).
 * Felix HTTP reads a port it cannot parse ({@code abc}, an empty value) as its own default 8080,
 * and one out of range as a stream of Jetty errors. Here such a value is refused in one warning
 * line and replaced by the port the server listens on now (its {@code osgi.http.endpoint}), or,
 * when it is not running, the last good port seen (at first the runtime's own, 8765 or the
 * {@code -D} one), so the dashboard stays where it was.
 */
@Component(immediate = true, property = {ConfigurationPlugin.CM_TARGET + "=" + HttpPortCheck.PID,
        ConfigurationPlugin.CM_RANKING + ":Integer=100"})
public class HttpPortCheck implements ConfigurationPlugin {
    static final String PID = "org.apache.felix.http";
    static final String PORT = "org.osgi.service.http.port";
    private static final System.Logger LOG = System.getLogger(HttpPortCheck.class.getName());

    private final BundleContext context;
    private volatile String lastGood;

    @Activate
    public HttpPortCheck(BundleContext context) {
        this.context = context;
        this.lastGood = context.getProperty(PORT);
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        if (!PID.equals(properties.get("service.pid")) && !PID.equals(properties.get(ConfigurationAdmin.SERVICE_FACTORYPID))) {
            return;
        }
        Object value = properties.get(PORT);
        if (value == null) {
            return; // not set: Felix HTTP keeps to the runtime's port
        }
        String text = String.valueOf(value).strip();
        if (port(text) >= 0) {
            lastGood = text;
            return;
        }
        String kept = listening().orElse(lastGood);
        LOG.log(System.Logger.Level.WARNING, PORT + "=" + text + " is not accepted (drop-in/" + PID + ".cfg); expected a "
                + "port from 0 to 65535; the dashboard stays on " + (kept == null ? "its port" : "port " + kept));
        if (kept == null) {
            properties.remove(PORT);
        } else {
            properties.put(PORT, kept);
        }
    }

    /** The port of the running web server's first endpoint, if it runs. */
    private java.util.Optional<String> listening() {
        try {
            for (ServiceReference<HttpServiceRuntime> server : context.getServiceReferences(HttpServiceRuntime.class, null)) {
                for (String endpoint : DashboardCommand.endpoints(
                        server.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT))) {
                    int port = java.net.URI.create(endpoint).getPort();
                    if (port > 0) {
                        return java.util.Optional.of(String.valueOf(port));
                    }
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException | IllegalArgumentException e) {
            // no usable endpoint: the last good port stands
        }
        return java.util.Optional.empty();
    }

    /** The port {@code text} names, 0 to 65535, or -1. */
    static int port(String text) {
        if (!text.matches("\\d{1,5}")) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }
}
