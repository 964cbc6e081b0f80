package org.rnnlab.dashboard.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/**
 * The dashboard's JSON API:
 * <pre>
 * GET  /api/runs                     every run's row
 * GET  /api/runs/NAME                one row
 * GET  /api/runs/NAME/reports        the step reports kept so far (Trainer.reports)
 * GET  /api/runs/NAME/evaluations    the held-out evaluations so far
 * POST /api/runs/NAME/pause|resume|stop   (same origin only) the row after the change
 * GET  /api/experiments              experiments and their runs
 * </pre>
 * An unknown run is a 404, a change the run's state does not allow a 409, each with the
 * trainer's own one-line reason.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("rnnlab-api")
@HttpWhiteboardServletPattern("/api/*")
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private transient Trainer trainer;
    @Reference
    private transient Experiments experiments;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> path = segments(request);
        if (path.equals(List.of("runs"))) {
            send(response, trainer.runs().stream().map(RunRow::of).toList());
        } else if (path.equals(List.of("experiments"))) {
            send(response, experiments.list(trainer.runs()));
        } else if (path.size() == 2 && path.get(0).equals("runs")) {
            answer(response, path.get(1), name -> RunRow.of(trainer.status(name)));
        } else if (path.size() == 3 && path.get(0).equals("runs") && path.get(2).equals("reports")) {
            answer(response, path.get(1), trainer::reports);
        } else if (path.size() == 3 && path.get(0).equals("runs") && path.get(2).equals("evaluations")) {
            answer(response, path.get(1), trainer::history);
        } else {
            RequestGuard.refuse(response, HttpServletResponse.SC_NOT_FOUND, "no such resource: " + request.getRequestURI());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!RequestGuard.sameOrigin(request, response)) {
            return;
        }
        List<String> path = segments(request);
        if (path.size() != 3 || !path.get(0).equals("runs") || !List.of("pause", "resume", "stop").contains(path.get(2))) {
            RequestGuard.refuse(response, HttpServletResponse.SC_NOT_FOUND,
                    "no such action: " + request.getRequestURI() + " (POST /api/runs/NAME/pause|resume|stop)");
            return;
        }
        String name = path.get(1);
        try {
            trainer.status(name);
        } catch (RnnlabException e) {
            RequestGuard.refuse(response, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            return;
        }
        try {
            RunStatus changed = switch (path.get(2)) {
                case "pause" -> trainer.pause(name);
                case "resume" -> trainer.resume(name);
                default -> trainer.stop(name);
            };
            send(response, RunRow.of(changed));
        } catch (RnnlabException e) {
            RequestGuard.refuse(response, HttpServletResponse.SC_CONFLICT, e.getMessage());
        }
    }

    /** Answers with what {@code read} gives for the run, or 404 with the trainer's reason. */
    private static void answer(HttpServletResponse response, String run, Function<String, Object> read) throws IOException {
        Object value;
        try {
            value = read.apply(run);
        } catch (RnnlabException e) {
            RequestGuard.refuse(response, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            return;
        }
        send(response, value);
    }

    private static void send(HttpServletResponse response, Object value) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.write(value));
    }

    /** The decoded path after /api, split at '/', without empty segments. */
    private static List<String> segments(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null) {
            return List.of();
        }
        return java.util.Arrays.stream(info.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
