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
 * {@link RequestGuard#admitted} in front of every servlet of the dashboard, whatever the method:
 * one place, on the whiteboard, rather than a check at the top of each servlet.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("rnnlab-loopback")
@HttpWhiteboardFilterServlet({"rnnlab-page", "rnnlab-api", "rnnlab-events"})
public class LoopbackFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (RequestGuard.admitted(request, response)) {
            chain.doFilter(request, response);
        }
    }
}
