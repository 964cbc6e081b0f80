package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's endpoints and safety rules over plain HTTP/1.1 (raw sockets, so a test can
 * send the headers a hostile page would), and its address following a .cfg in drop-in/.
 */
class DashboardHttpIT {
    @TempDir
    Path home;

    private PipedRuntime runtime;
    private String host;
    private int port;

    record Response(int status, String headers, String body) {
    }

    @BeforeEach
    void start() throws Exception {
        runtime = new PipedRuntime(home);
        URI address = URI.create(runtime.dashboard());
        host = address.getHost();
        port = address.getPort();
        runtime.send("rnn:new r task=adding length=10 hidden=4 steps=100000000 report=50");
        runtime.send("rnn:start r");
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void listensOnLoopbackAndServesThePageTheApiAndTheEventStream() throws Exception {
        assertEquals("127.0.0.1", host);
        assertTrue(!runtime.output().contains("SLF4J"), "Jetty found its log provider: " + runtime.output());
        Response page = request("GET / HTTP/1.1", "Host: 127.0.0.1:" + port);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<title>rnnlab dashboard</title>"), page.body());
        assertTrue(page.headers().contains("Content-Security-Policy: default-src 'self'"), page.headers());
        Response uplot = request("GET /vendor/uPlot.iife.min.js HTTP/1.1", "Host: localhost:" + port);
        assertEquals(200, uplot.status(), "uPlot is served from the bundle, not a CDN");

        Response runs = request("GET /api/runs HTTP/1.1", "Host: 127.0.0.1:" + port);
        assertEquals(200, runs.status());
        assertTrue(runs.body().startsWith("[{\"name\":\"r\""), runs.body());
        try (Socket events = open()) {
            send(events, "GET /api/events HTTP/1.1", "Host: 127.0.0.1:" + port);
            String head = readUntil(events.getInputStream(), "event: hello");
            assertTrue(head.contains("text/event-stream"), head);
            readUntil(events.getInputStream(), "event: step");
            String more = readUntil(events.getInputStream(), "\n\n");
            assertTrue(more.contains("\"run\":\"r\""), "live step reports follow: " + more);
        }
        Response reports = request("GET /api/runs/r/reports HTTP/1.1", "Host: 127.0.0.1:" + port);
        assertEquals(200, reports.status());
        assertTrue(reports.body().startsWith("[{\"run\":\"r\",\"step\":50,"), "the history from the first report: "
                + reports.body().substring(0, Math.min(200, reports.body().length())));
    }

    @Test
    void refusesOtherHostsCrossSiteChangesAndEverythingItDoesNotServe() throws Exception {
        Response rebinding = request("GET /api/runs HTTP/1.1", "Host: attacker.example:" + port);
        assertEquals(403, rebinding.status());
        assertEquals("{\"error\":\"this dashboard answers only on 127.0.0.1 or localhost, not 'attacker.example'\"}",
                rebinding.body());
        assertEquals(400, request("GET /api/runs HTTP/1.1", "Host: ").status());

        Response noOrigin = request("POST /api/runs/r/pause HTTP/1.1", "Host: 127.0.0.1:" + port, "Content-Length: 0");
        assertEquals(403, noOrigin.status());
        assertTrue(noOrigin.body().contains("Origin"), noOrigin.body());
        Response crossSite = request("POST /api/runs/r/pause HTTP/1.1", "Host: 127.0.0.1:" + port,
                "Origin: http://attacker.example", "Content-Length: 0");
        assertEquals(403, crossSite.status());
        Response otherPort = request("POST /api/runs/r/pause HTTP/1.1", "Host: 127.0.0.1:" + port,
                "Origin: http://127.0.0.1:" + (port + 1), "Content-Length: 0");
        assertEquals(403, otherPort.status());
        assertEquals("running", state("r"), "nothing was paused by the refused requests");

        String origin = "Origin: http://127.0.0.1:" + port;
        assertEquals(404, request("POST /api/runs/nosuch/pause HTTP/1.1", "Host: 127.0.0.1:" + port, origin,
                "Content-Length: 0").status());
        Response conflict = request("POST /api/runs/r/resume HTTP/1.1", "Host: 127.0.0.1:" + port, origin,
                "Content-Length: 0");
        assertEquals(409, conflict.status());
        assertTrue(conflict.body().contains("not paused"), conflict.body());
        assertEquals(404, request("POST /api/runs/r/explode HTTP/1.1", "Host: 127.0.0.1:" + port, origin,
                "Content-Length: 0").status());
        Response twoOrigins = request("POST /api/runs/r/pause HTTP/1.1", "Host: 127.0.0.1:" + port, origin,
                "Origin: http://attacker.example", "Content-Length: 0");
        assertEquals(403, twoOrigins.status());
        assertEquals("{\"error\":\"changes need one Origin header, not 2\"}", twoOrigins.body());
        for (String line : new String[] {"DELETE /api/runs/r", "PATCH /api/runs", "TRACE /api/runs", "OPTIONS /",
                "POST /", "POST /api/events", "TRACE /"}) {
            Response refused = request(line + " HTTP/1.1", "Host: 127.0.0.1:" + port, origin, "Content-Length: 0");
            assertEquals(405, refused.status(), line);
            assertTrue(refused.body().startsWith("{\"error\":\"only GET"), line + " gave " + refused.body());
        }

        for (String path : new String[] {"/vendor/", "/org/rnnlab/dashboard/web/app.js", "/../../etc/passwd",
                "/%2e%2e/%2e%2e/etc/passwd", "/app.js/..%2f..%2fMETA-INF/MANIFEST.MF", "/api/nosuch",
                "/api/runs/nosuch/reports", "/OSGI-INF/"}) {
            Response r = request("GET " + path + " HTTP/1.1", "Host: 127.0.0.1:" + port);
            assertTrue(r.status() == 400 || r.status() == 404, path + " gave " + r.status() + ": " + r.body());
            assertTrue(!r.body().contains("<a href"), "no listing for " + path);
        }

        Response pause = request("POST /api/runs/r/pause HTTP/1.1", "Host: 127.0.0.1:" + port, origin,
                "Content-Length: 0");
        assertEquals(200, pause.status(), pause.body());
        assertEquals("paused", state("r"));
    }

    @Test
    void anExperimentIsListedWithItsRunsAndTheKeysTheyDifferIn() throws Exception {
        int from = runtime.mark();
        runtime.send("rnn:experiment name=grid task=adding length=5 hidden=4 steps=20 report=10 seed=1 seed=2");
        runtime.await(Pattern.compile("grid-2 .*mse"), from);
        Response experiments = request("GET /api/experiments HTTP/1.1", "Host: 127.0.0.1:" + port);
        assertEquals(200, experiments.status());
        assertEquals("[{\"name\":\"grid\",\"runs\":[\"grid-1\",\"grid-2\"],\"varied\":[\"seed\"]}]", experiments.body());
    }

    @Test
    void aCfgInDropInMovesTheServerLiveAndABusyPortIsExplained() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        Files.writeString(home.resolve("drop-in").resolve("org.apache.felix.http.cfg"), "org.osgi.service.http.port=" + free + "\n");
        awaitDashboardAt("http://127.0.0.1:" + free);
        port = free;
        assertEquals(200, request("GET /api/runs HTTP/1.1", "Host: 127.0.0.1:" + free).status());

        for (String bad : new String[] {"abc", "", "99999"}) {
            int from = runtime.mark();
            Files.writeString(home.resolve("drop-in").resolve("org.apache.felix.http.cfg"),
                    "org.osgi.service.http.port=" + bad + "\n");
            String refused = runtime.await(Pattern.compile("org.osgi.service.http.port=\\S* is not accepted.*"), from)
                    .group();
            assertTrue(refused.endsWith("the dashboard stays on port " + free), refused);
            awaitDashboardAt("http://127.0.0.1:" + free);
            assertEquals(200, request("GET /api/runs HTTP/1.1", "Host: 127.0.0.1:" + free).status(), "port=" + bad);
        }

        // the .cfg deleted, the server goes back to the runtime's own port; a bad value then keeps it there,
        // not at the port of the deleted file
        Files.delete(home.resolve("drop-in").resolve("org.apache.felix.http.cfg"));
        String back = awaitDashboardElsewhere(free);
        int current = java.net.URI.create(back).getPort();
        int mark = runtime.mark();
        Files.writeString(home.resolve("drop-in").resolve("org.apache.felix.http.cfg"), "org.osgi.service.http.port=abc\n");
        String kept = runtime.await(Pattern.compile("org.osgi.service.http.port=abc is not accepted.*"), mark).group();
        assertTrue(kept.endsWith("the dashboard stays on port " + current), kept);
        awaitDashboardAt("http://127.0.0.1:" + current);
        Files.writeString(home.resolve("drop-in").resolve("org.apache.felix.http.cfg"), "org.osgi.service.http.port=" + free
                + "\n");
        awaitDashboardAt("http://127.0.0.1:" + free);

        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int before = runtime.mark();
            Files.writeString(home.resolve("drop-in").resolve("org.apache.felix.http.cfg"),
                    "org.osgi.service.http.port=" + busy.getLocalPort() + "\n");
            String told = runtime.await(Pattern.compile("the dashboard's web server could not listen on .*"), before).group();
            assertTrue(told.contains("127.0.0.1:" + busy.getLocalPort() + ": "), told);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                int from = runtime.mark();
                runtime.send("rnn:dashboard");
                String line = runtime.await(Pattern.compile("dashboard: .*|the dashboard is not listening.*"), from).group();
                if (line.startsWith("the dashboard is not listening")) {
                    assertTrue(line.contains("org.apache.felix.http.cfg"), line);
                    String said = runtime.output();
                    assertTrue(!said.contains("Failed to start Connector") && !said.contains("Jetty stopped"),
                            "one line about the busy port, not Jetty's three:\n" + said);
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "still listening after the port was taken: " + line);
                Thread.sleep(300);
            }
        }
    }

    /** Waits until rnn:dashboard names an address on another port than {@code port}; returns it. */
    private String awaitDashboardElsewhere(int port) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            int from = runtime.mark();
            runtime.send("rnn:dashboard");
            java.util.regex.Matcher m = runtime.await(Pattern.compile("dashboard: (http://\\S+?)/?(\\s|$)|the dashboard is not "
                    + "listening.*|reports no address.*"), from);
            if (m.group(1) != null && java.net.URI.create(m.group(1)).getPort() != port) {
                return m.group(1);
            }
            assertTrue(System.nanoTime() < deadline, "the dashboard stayed on " + port + ": " + m.group());
            Thread.sleep(300);
        }
    }

    private void awaitDashboardAt(String address) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            int from = runtime.mark();
            runtime.send("rnn:dashboard");
            String line = runtime.await(Pattern.compile("dashboard: .*|the dashboard is not listening.*|reports no address.*"),
                    from).group();
            if (line.contains(address)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the dashboard did not move to " + address + ": " + line);
            Thread.sleep(300);
        }
    }

    private String state(String run) throws IOException {
        String body = request("GET /api/runs/" + run + " HTTP/1.1", "Host: 127.0.0.1:" + port).body();
        java.util.regex.Matcher m = Pattern.compile("\"state\":\"(\\w+)\"").matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    // ---- raw HTTP/1.1 ----------------------------------------------------------------------

    private Socket open() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void send(Socket socket, String requestLine, String... headers) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        for (String h : headers) {
            request.append(h).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private Response request(String requestLine, String... headers) throws IOException {
        try (Socket socket = open()) {
            send(socket, requestLine, headers);
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            String body = split < 0 ? "" : dechunk(head, all.substring(split + 4));
            return new Response(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    private static String dechunk(String head, String body) {
        if (!head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            seen.append((char) b);
        }
        return seen.toString();
    }
}
