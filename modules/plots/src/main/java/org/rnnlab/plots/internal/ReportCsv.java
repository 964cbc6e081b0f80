package org.rnnlab.plots.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;

import org.rnnlab.api.trainer.Diagnostics;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.core.files.HomeFiles;

/**
 * Step reports as CSV, one row per report: the format of {@code rnn:export NAME file=X.csv} and
 * of the {@code log=FILE.csv} run key, which share this class. Columns, in this order:
 * <pre>
 * run, step, loss, metric, gradient_norm, learning_rate, steps_per_second, tokens_per_second,
 * layer_gradient_norms, hidden_gradient_norms,
 * eval_loss, eval_metric, eval_metric_name, eval_baseline, eval_sequences,
 * remedies, diagnostics
 * </pre>
 * A column set that never changes, so a log's header fits every row however the run changes:
 * <ul>
 * <li>numbers as {@link Double#toString} writes them (shortest exact form; {@code NaN},
 * {@code Infinity}, {@code -Infinity}), so they read back bit for bit;</li>
 * <li>the two lists of norms (per layer then the head; ‖dL/dh_t‖ through the last window) as
 * numbers separated by spaces, empty for none;</li>
 * <li>the {@code eval_} cells describe the held-out evaluation made after the step, all empty
 * when there was none;</li>
 * <li>remedy reports and diagnostics, which nest, as JSON in one cell (as {@code rnn:export}'s
 * JSON writes them), empty when there are none.</li>
 * </ul>
 * Cells are quoted as RFC 4180 says when they hold a comma or a quote; rows end with a newline.
 */
final class ReportCsv {
    static final List<String> COLUMNS = List.of("run", "step", "loss", "metric", "gradient_norm", "learning_rate",
            "steps_per_second", "tokens_per_second", "layer_gradient_norms", "hidden_gradient_norms", "eval_loss",
            "eval_metric", "eval_metric_name", "eval_baseline", "eval_sequences", "remedies", "diagnostics");
    static final String HEADER = String.join(",", COLUMNS);
    /** An earlier export (or run log), which a new export may replace. */
    static final HomeFiles.Kind KIND = HomeFiles.Kind.startingWith("an earlier rnn:export CSV",
            HEADER + "\n");

    private static final TypeReference<Map<String, Map<String, Double>>> REMEDIES = new TypeReference<>() {
    };
    private static final TypeReference<Diagnostics> DIAGNOSTICS = new TypeReference<>() {
    };

    private ReportCsv() {
    }

    /** The report's row, without the line end. */
    static String row(StepReport r) throws IOException {
        Evaluation e = r.evaluation();
        List<String> cells = List.of(r.run(), Long.toString(r.step()), number(r.loss()), number(r.metric()),
                number(r.gradientNorm()), number(r.learningRate()), number(r.stepsPerSecond()),
                number(r.tokensPerSecond()), numbers(r.layerGradientNorms()), numbers(r.hiddenGradientNorms()),
                e == null ? "" : number(e.loss()), e == null ? "" : number(e.metric()), e == null ? "" : e.metricName(),
                e == null ? "" : number(e.baseline()), e == null ? "" : Integer.toString(e.sequences()),
                r.remedies().isEmpty() ? "" : ReportJson.MAPPER.writeValueAsString(r.remedies()),
                r.diagnostics() == null ? "" : ReportJson.MAPPER.writeValueAsString(r.diagnostics()));
        return cells.stream().map(ReportCsv::quoted).collect(Collectors.joining(","));
    }

    /** The header and one row per report. */
    static void write(List<StepReport> reports, OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (StepReport report : reports) {
            text.append(row(report)).append('\n');
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The reports of a file written by {@link #write} or appended to by a run's log, in file order. */
    static List<StepReport> read(Reader in) throws IOException {
        StringWriter text = new StringWriter();
        in.transferTo(text);
        List<List<String>> records = records(text.toString());
        if (records.isEmpty()) {
            throw new IOException("no header: expected " + HEADER);
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
        for (String column : COLUMNS) {
            if (!index.containsKey(column)) {
                throw new IOException("no column " + column + ": expected " + HEADER);
            }
        }
        List<StepReport> reports = new ArrayList<>();
        for (int line = 1; line < records.size(); line++) {
            List<String> cells = records.get(line);
            if (cells.size() != header.size()) {
                throw new IOException("row " + line + " has " + cells.size() + " cells; the header has " + header.size());
            }
            try {
                reports.add(report(column -> cells.get(index.get(column))));
            } catch (RuntimeException e) {
                throw new IOException("row " + line + ": " + e.getMessage(), e);
            }
        }
        return reports;
    }

    private static StepReport report(Function<String, String> cell) {
        String run = cell.apply("run");
        long step = Long.parseLong(cell.apply("step"));
        Evaluation evaluation = cell.apply("eval_loss").isEmpty() ? null
                : new Evaluation(run, step, number(cell, "eval_loss"), number(cell, "eval_metric"),
                        cell.apply("eval_metric_name"), number(cell, "eval_baseline"),
                        Integer.parseInt(cell.apply("eval_sequences")));
        String remedies = cell.apply("remedies");
        String diagnostics = cell.apply("diagnostics");
        return new StepReport(run, step, number(cell, "loss"), number(cell, "metric"), number(cell, "gradient_norm"),
                numbers(cell.apply("layer_gradient_norms")), numbers(cell.apply("hidden_gradient_norms")),
                number(cell, "steps_per_second"), number(cell, "tokens_per_second"),
                remedies.isEmpty() ? Map.of() : json(remedies, REMEDIES),
                diagnostics.isEmpty() ? null : json(diagnostics, DIAGNOSTICS), evaluation, number(cell, "learning_rate"));
    }

    private static String number(double value) {
        return Double.toString(value);
    }

    private static double number(Function<String, String> cell, String column) {
        return Double.parseDouble(cell.apply(column));
    }

    private static String numbers(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(" "));
    }

    private static double[] numbers(String cell) {
        return cell.isEmpty() ? new double[0] : Arrays.stream(cell.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static <T> T json(String cell, TypeReference<T> type) {
        try {
            return ReportJson.MAPPER.readValue(cell, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String cell) {
        boolean plain = cell.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? cell : '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** RFC 4180 records: quoted cells may hold commas, doubled quotes and line ends; blank lines are skipped. */
    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c != '"') {
                    cell.append(c);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, cells, cell);
                cells = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        endRecord(records, cells, cell);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> cells, StringBuilder cell) {
        if (!cells.isEmpty() || cell.length() > 0) {
            cells.add(cell.toString());
            records.add(cells);
        }
        cell.setLength(0);
    }
}
