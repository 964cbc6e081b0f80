package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.trainer.Trainer;

/**
 * The dashboard on the platform's own web server (Felix HTTP, Jetty 12): its servlets are
 * registered on the Jakarta Servlet whiteboard and none failed, the server's address is
 * configuration (PID org.apache.felix.http, described by Metatype) and follows a change at
 * once, and the API answers with the trainer's runs.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class DashboardTest {
    private static final String HTTP_PID = "org.apache.felix.http";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;
    @InjectService(timeout = 30_000)
    ConfigurationAdmin configurationAdmin;
    @InjectService(timeout = 30_000)
    Trainer trainer;
    @InjectService(timeout = 30_000)
    MetaTypeService metaTypes;

    private Configuration http;

    @BeforeEach
    void listenOnAFreeLoopbackPort() throws IOException {
        http = configurationAdmin.getConfiguration(HTTP_PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("org.osgi.service.http.port", 0);
        properties.put("org.apache.felix.http.host", "127.0.0.1");
        http.update(properties);
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (trainer.runs().stream().anyMatch(r -> r.name().equals("web"))) {
            trainer.remove("web");
        }
        http.delete();
    }

    @Test
    void theDashboardsServletsAreOnTheWhiteboardAndItsApiAnswers() throws Exception {
        String address = Await.until("the web server to report a loopback address on a free port", STARTUP,
                this::endpoint, e -> e != null && e.startsWith("http://127.0.0.1:") && !e.contains(":8765"));
        // the whiteboard registers the servlets with a (re)started server a moment after it appears
        RuntimeDTO runtime = Await.until("the dashboard's servlets on the whiteboard", STARTUP, this::runtimeDto,
                r -> r != null && servletNames(r).containsAll(List.of("rnnlab-page", "rnnlab-api", "rnnlab-events")));
        List<String> failed = Arrays.stream(runtime.failedServletDTOs).map(s -> s.name + ": " + s.failureReason).toList();
        assertEquals(List.of(), failed.stream().filter(f -> f.startsWith("rnnlab")).toList());
        Bundle dashboard = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.rnnlab.dashboard")).findFirst().orElseThrow();
        assertEquals(Bundle.ACTIVE, dashboard.getState());

        trainer.create("web", Map.of("task", "adding", "length", "5", "hidden", "4"));
        String runs = get(address + "api/runs");
        assertTrue(runs.contains("\"name\":\"web\""), runs);
        assertTrue(get(address).contains("<title>rnnlab dashboard</title>"));
    }

    @Test
    void whereItListensIsDescribedByMetatype() {
        Bundle jetty = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.apache.felix.http.jetty12")).findFirst().orElseThrow();
        ObjectClassDefinition ocd = metaTypes.getMetaTypeInformation(jetty).getObjectClassDefinition(HTTP_PID, null);
        assertNotNull(ocd, "Felix HTTP describes its configuration");
        List<String> ids = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .map(AttributeDefinition::getID).toList();
        assertTrue(ids.containsAll(List.of("org.apache.felix.http.host", "org.osgi.service.http.port")), ids::toString);
    }

    private RuntimeDTO runtimeDto() {
        ServiceReference<HttpServiceRuntime> ref = context.getServiceReference(HttpServiceRuntime.class);
        if (ref == null) {
            return null;
        }
        try {
            HttpServiceRuntime runtime = context.getService(ref);
            return runtime == null ? null : runtime.getRuntimeDTO();
        } finally {
            context.ungetService(ref);
        }
    }

    private static List<String> servletNames(RuntimeDTO runtime) {
        return Arrays.stream(runtime.servletContextDTOs).flatMap(c -> Arrays.stream(c.servletDTOs)).map(s -> s.name).toList();
    }

    private String endpoint() {
        ServiceReference<HttpServiceRuntime> ref = context.getServiceReference(HttpServiceRuntime.class);
        if (ref == null) {
            return null;
        }
        Object value = ref.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        if (value instanceof String[] all && all.length > 0) {
            return all[0];
        }
        return value instanceof String s ? s : null;
    }

    private static String get(String address) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(address).openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        try (InputStream in = connection.getInputStream()) {
            assertEquals(200, connection.getResponseCode());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
