package org.rnnlab.dashboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The page and its files, from this bundle (uPlot is copied in at build time: no CDN, works
 * offline). Only the files named here are served; any other path is a 404, so there is no
 * listing and no way out of the folder. The page's scripts come from here only (CSP).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("rnnlab-page")
@HttpWhiteboardServletPattern("/")
public class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String FOLDER = "/org/rnnlab/dashboard/web/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html",
            "app.js", "text/javascript",
            "heatmap.js", "text/javascript",
            "app.css", "text/css",
            "favicon.svg", "image/svg+xml",
            "vendor/uPlot.iife.min.js", "text/javascript",
            "vendor/uPlot.min.css", "text/css",
            "vendor/LICENSE", "text/plain");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the raw path: an encoded name never matches one of the files below, so it is a 404
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String file = path.isEmpty() || path.equals("/") ? "index.html" : path.substring(1);
        String type = FILES.get(file);
        if (type == null) {
            RequestGuard.refuse(response, HttpServletResponse.SC_NOT_FOUND, "no such page: " + path);
            return;
        }
        response.setContentType(type);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        try (InputStream in = PageServlet.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                RequestGuard.refuse(response, HttpServletResponse.SC_NOT_FOUND, "no such page: " + path);
                return;
            }
            in.transferTo(response.getOutputStream());
        }
    }
}
