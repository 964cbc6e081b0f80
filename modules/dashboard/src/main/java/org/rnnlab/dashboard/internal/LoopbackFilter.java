package org.rnnlab.dashboard.internal;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterServlet;

/**
 * {@link RequestGuard#admitted} in front of every servlet of the dashboard, and then the methods
 * each answers (the API GET and POST, the page and the event stream GET; HEAD with GET): one
 * place, on the whiteboard, rather than a check at the top of each servlet. Every other method,
 * TRACE and OPTIONS included, gets a 405 with {@code {"error": ...}} and an {@code Allow} header,
 * never the servlet container's own HTML page.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("rnnlab-loopback")
@HttpWhiteboardFilterServlet({"rnnlab-page", "rnnlab-api", "rnnlab-events"})
public class LoopbackFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!RequestGuard.admitted(request, response)) {
            return;
        }
        boolean api = "rnnlab-api".equals(request.getHttpServletMapping().getServletName());
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || (api && method.equals("POST"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Allow", api ? "GET, HEAD, POST" : "GET, HEAD");
        RequestGuard.refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                api ? "only GET and POST are answered here" : "only GET is answered here");
    }
}
