package org.rnnlab.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.url.AbstractURLStreamHandlerService;
import org.osgi.service.url.URLConstants;
import org.osgi.service.url.URLStreamHandlerService;

/**
 * The {@code rnnlab:} URLs the platform's bundles are installed from ({@code rnnlab:NAME.jar},
 * a jar inside the launcher), served through the framework's URL handlers service, so Felix's
 * {@code update ID} can read a bundle's location again as it does for any other bundle.
 */
final class EmbeddedBundles extends AbstractURLStreamHandlerService {
    static final String PROTOCOL = "rnnlab";

    private final Map<String, byte[]> jars;

    private EmbeddedBundles(Map<String, byte[]> jars) {
        this.jars = Map.copyOf(jars);
    }

    static void register(BundleContext context, Map<String, byte[]> jars) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(URLConstants.URL_HANDLER_PROTOCOL, new String[] {PROTOCOL});
        context.registerService(URLStreamHandlerService.class, new EmbeddedBundles(jars), properties);
    }

    @Override
    public URLConnection openConnection(URL url) throws IOException {
        byte[] jar = jars.get(url.getPath());
        if (jar == null) {
            throw new IOException("no bundle " + url.getPath() + " inside the launcher");
        }
        return new URLConnection(url) {
            @Override
            public void connect() {
                connected = true;
            }

            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(jar);
            }

            @Override
            public int getContentLength() {
                return jar.length;
            }
        };
    }
}
