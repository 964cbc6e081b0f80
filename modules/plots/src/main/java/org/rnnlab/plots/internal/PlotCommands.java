package org.rnnlab.plots.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.jfree.chart.JFreeChart;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.core.files.HomeFiles;

/**
 * {@code rnn:plot} and {@code rnn:export}, two more functions of the shell's {@code rnn} scope
 * from this bundle. Errors are {@link RnnlabException}s with one line for the person at the
 * shell; an unknown run gets the trainer's own message.
 */
@Component(service = PlotCommands.class)
@GogoCommand(scope = "rnn", function = {"plot", "export"})
public class PlotCommands {
    private static final String PLOT_USAGE = "rnn:plot NAME what=loss|gradients|flow|diagnostics file=FILE.png|FILE.svg";
    private static final String EXPORT_USAGE = "rnn:export NAME file=FILE.csv|FILE.json";

    private final Trainer trainer;
    private final HomeFiles files;

    @Activate
    public PlotCommands(@Reference Trainer trainer, BundleContext context) {
        this(trainer, HomeFiles.of(context.getProperty("rnnlab.home")));
    }

    PlotCommands(Trainer trainer, HomeFiles files) {
        this.trainer = trainer;
        this.files = files;
    }

    @Descriptor("draw a run's history to a PNG or SVG file: what=loss (training and held-out loss), gradients "
            + "(global and per-layer norms), flow (heatmap of ||dL/dh_t|| through time over training) or diagnostics "
            + "(spectral radii, update:parameter ratios; needs diagnostics=N)")
    public String plot(@Descriptor("run name") String name,
            @Descriptor("what=loss|gradients|flow|diagnostics (loss) file=FILE.png|FILE.svg (relative to the home folder)")
            String... options) {
        Options given = options("plot", options).allowOnly("what", "file");
        String what = given.choice("what", "loss", "gradients", "flow", "diagnostics");
        String file = required(given, "file", PLOT_USAGE);
        String format = HomeFiles.extension(file, "png", "svg");
        RunHistory history = history(name);
        JFreeChart chart = switch (what) {
            case "gradients" -> GradientsChart.of(history);
            case "flow" -> FlowHeatmap.of(history);
            case "diagnostics" -> DiagnosticsChart.of(history);
            default -> LossChart.of(history);
        };
        Path written = HomeFiles.replace(files.resolve(file), ChartFiles.kind(format), ChartFiles.of(chart, format));
        return "wrote the " + what + " plot of run " + name + " (" + span(history.reports()) + ") to " + written;
    }

    @Descriptor("write a run's kept step reports (with evaluations and diagnostics) to a CSV or JSON file")
    public String export(@Descriptor("run name") String name,
            @Descriptor("file=FILE.csv|FILE.json (relative to the home folder)") String... options) {
        Options given = options("export", options).allowOnly("file");
        String file = required(given, "file", EXPORT_USAGE);
        String format = HomeFiles.extension(file, "csv", "json");
        RunHistory history = history(name);
        Path written = HomeFiles.replace(files.resolve(file), format.equals("csv") ? ReportCsv.KIND : ReportJson.KIND,
                format.equals("csv")
                ? out -> ReportCsv.write(history.reports(), out)
                : out -> ReportJson.write(history, out));
        return "wrote " + history.reports().size() + " step reports of run " + name + " (" + span(history.reports())
                + ") to " + written;
    }

    @Descriptor("usage: " + PLOT_USAGE)
    public String plot() {
        throw usage(PLOT_USAGE);
    }

    @Descriptor("usage: " + EXPORT_USAGE)
    public String export() {
        throw usage(EXPORT_USAGE);
    }

    private RunHistory history(String name) {
        Map<String, String> spec = trainer.status(name).spec(); // an unknown name gets the trainer's one-line error
        List<StepReport> reports = trainer.reports(name);
        if (reports.isEmpty()) {
            throw new RnnlabException("run " + name + " has not reported a step yet: start it (it reports every "
                    + "report=N steps and at its last)");
        }
        return new RunHistory(name, spec, reports);
    }

    private static String span(List<StepReport> reports) {
        return "steps " + reports.get(0).step() + " to " + reports.get(reports.size() - 1).step();
    }

    /** The command's key=value arguments; a key given twice or a token without '=' is refused. */
    private static Options options(String command, String... tokens) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String token : tokens) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new RnnlabException("malformed argument '" + token + "'; expected key=value, e.g. file=runs/a.png");
            }
            if (values.put(token.substring(0, eq).strip(), token.substring(eq + 1).strip()) != null) {
                throw new RnnlabException("'" + token.substring(0, eq).strip() + "' is given twice");
            }
        }
        return Options.of(command, values);
    }

    private static String required(Options given, String key, String usage) {
        String value = given.text(key, "");
        if (value.isEmpty()) {
            throw new RnnlabException(key + "= is missing; usage: " + usage);
        }
        return value;
    }

    private static RnnlabException usage(String usage) {
        return new RnnlabException("usage: " + usage + " (help " + usage.substring(0, usage.indexOf(' ')) + " describes it)");
    }
}
