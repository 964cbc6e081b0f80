package org.rnnlab.plots.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.rnnlab.core.files.HomeFiles;

/**
 * {@code rnn:export NAME file=X.json}: the run's {@link RunHistory} as one JSON document,
 * {@code {"run": ..., "spec": {...}, "reports": [...]}}, each report and its evaluation and
 * diagnostics with the API records' component names. Jackson's defaults are kept on purpose: it
 * writes every double in its shortest exact form and NaN and ±Infinity as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} (JSON has no such numbers), which it
 * also reads back, so {@link #read} gives the reports that were written, bit for bit.
 */
final class ReportJson {
    /** Also writes the nested cells of {@link ReportCsv}, so both exports encode values alike. */
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** An earlier export, which a new one may replace: a JSON object whose first field is the run. */
    static final HomeFiles.Kind KIND = new HomeFiles.Kind("an earlier rnn:export JSON file",
            head -> head.replaceAll("\\s", "").startsWith("{\"run\":"));

    private ReportJson() {
    }

    static void write(RunHistory history, OutputStream out) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, history);
    }

    static RunHistory read(InputStream in) throws IOException {
        return MAPPER.readValue(in, RunHistory.class);
    }
}
