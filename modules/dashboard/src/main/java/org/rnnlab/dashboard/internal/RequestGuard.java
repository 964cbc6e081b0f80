package org.rnnlab.dashboard.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The dashboard's safety rules: {@link #admitted} runs before every servlet
 * ({@link LoopbackFilter}), {@link #sameOrigin} before every change.
 * <ul>
 * <li>A server listening on loopback answers only requests addressed to a loopback name:
 * a web page elsewhere cannot point a name of its own at 127.0.0.1 and read the API
 * (DNS rebinding).</li>
 * <li>Requests that change a run are POSTs whose one {@code Origin} is the dashboard itself:
 * another site's page cannot press pause (cross-site request forgery). Browsers always send
 * {@code Origin} with a POST from a script; a command-line client adds it by hand.</li>
 * </ul>
 */
final class RequestGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private RequestGuard() {
    }

    /** Whether the request may be answered at all; if not, the refusal is already sent. */
    static boolean admitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = hostName(request.getHeader("Host"));
        if (host == null) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "the request names no host");
            return false;
        }
        if (onLoopback(request) && !LOOPBACK_NAMES.contains(host)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "this dashboard answers only on 127.0.0.1 or localhost, not '" + host + "'");
            return false;
        }
        return true;
    }

    /** Whether a state-changing request comes from the dashboard's own page; if not, refused. */
    static boolean sameOrigin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        java.util.List<String> origins = java.util.Collections.list(request.getHeaders("Origin"));
        if (origins.size() > 1) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "changes need one Origin header, not " + origins.size());
            return false;
        }
        String origin = origins.isEmpty() ? null : origins.get(0);
        String host = request.getHeader("Host");
        if (origin == null || host == null || !sameAuthority(origin, host, request.getScheme())) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, origin == null
                    ? "changes need the Origin header of the dashboard's own page"
                    : "changes are accepted only from the dashboard's own page, not from " + origin);
            return false;
        }
        return true;
    }

    /** Sends {@code status} with {@code {"error": why}}: one line a person can read. */
    static void refuse(HttpServletResponse response, int status, String why) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.error(why));
    }

    private static boolean sameAuthority(String origin, String host, String scheme) {
        try {
            URI uri = new URI(origin);
            String authority = uri.getRawAuthority();
            boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty();
            return scheme.equalsIgnoreCase(uri.getScheme()) && authority != null && authority.equalsIgnoreCase(host)
                    && noPath;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The host part of a Host header, lower case, without the port; null when absent or malformed. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean onLoopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getLocalAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true; // the stricter rule when in doubt
        }
    }
}
