package org.rnnlab.dashboard.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.rnnlab.api.RnnlabException;

/**
 * {@code rnn:dashboard}: the address of the dashboard, as the web server itself reports it
 * (its {@code osgi.http.endpoint}), or one line on why there is none. The web server starts
 * just after the console's prompt (start level 3), so the command waits a few seconds for it.
 */
@Component(service = DashboardCommand.class)
@GogoCommand(scope = "rnn", function = {"dashboard"})
public class DashboardCommand {
    static final String HOW_TO_CONFIGURE = "drop-in/org.apache.felix.http.cfg sets org.apache.felix.http.host and "
            + "org.osgi.service.http.port";

    private static final long PATIENCE_MILLIS = 5000;

    private ServiceReference<HttpServiceRuntime> server;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindServer(ServiceReference<HttpServiceRuntime> started) {
        server = started;
        notifyAll();
    }

    synchronized void unbindServer(ServiceReference<HttpServiceRuntime> stopped) {
        if (server == stopped) {
            server = null;
        }
    }

    @Descriptor("the address of the live dashboard in a browser (this machine only)")
    public String dashboard() throws InterruptedException {
        ServiceReference<HttpServiceRuntime> running = awaitServer();
        if (running == null) {
            throw new RnnlabException("the dashboard is not listening: the web server is not running (a port in use? "
                    + "rnnlab.log says why); " + HOW_TO_CONFIGURE);
        }
        List<String> addresses = endpoints(running.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT));
        if (addresses.isEmpty()) {
            throw new RnnlabException("the web server reports no address yet; try again in a moment");
        }
        return "dashboard: " + String.join("  ", addresses) + "\n(" + HOW_TO_CONFIGURE + ")";
    }

    private synchronized ServiceReference<HttpServiceRuntime> awaitServer() throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        for (long left = PATIENCE_MILLIS; server == null && left > 0; left = deadline - System.currentTimeMillis()) {
            wait(left);
        }
        return server;
    }

    static List<String> endpoints(Object property) {
        List<String> addresses = new ArrayList<>();
        if (property instanceof String s) {
            addresses.add(s);
        } else if (property instanceof String[] all) {
            addresses.addAll(List.of(all));
        } else if (property instanceof Collection<?> all) {
            all.forEach(a -> addresses.add(String.valueOf(a)));
        }
        return addresses;
    }
}
