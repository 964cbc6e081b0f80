package org.rnnlab.dashboard.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/events}: server-sent events, {@code step} (a StepReport), {@code run} (a
 * state change with the run's new row) and {@code resync} (the page fell behind). A comment
 * line every 15 s keeps idle connections open. Each page holds one request thread while it
 * is open; the loop ends when the page goes or the dashboard stops.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("rnnlab-events")
@HttpWhiteboardServletPattern("/api/events")
public class EventsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final long KEEP_ALIVE_SECONDS = 15;

    @Reference
    private transient RunFeed feed;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        try (Subscription subscription = feed.subscribe()) {
            PrintWriter out = response.getWriter();
            out.write("retry: 2000\n" + Subscription.frame("hello", "{}"));
            out.flush();
            while (!subscription.isClosed()) {
                String frame = subscription.next(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                out.write(frame != null ? frame : ": keep-alive\n\n");
                out.flush();
                if (out.checkError()) {
                    return; // the page went away
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
