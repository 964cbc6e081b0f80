package org.rnnlab.plots.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.core.files.HomeFiles;

/** The log= run key: one row per report, in the export's columns, and never a failure for the run. */
class CsvLogTest {
    @TempDir
    Path home;

    private final Map<String, String> spec = new HashMap<>(Samples.SPEC);
    private final List<StepReport> reports = Samples.reports("a", 6);
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger(CsvLog.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        logger.addHandler(capture);
        logger.setUseParentHandlers(false); // expected warnings, not the build's business
    }

    @AfterEach
    void releaseWarnings() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    private CsvLog log() {
        return new CsvLog(Samples.trainer("a", spec, reports), new HomeFiles(home));
    }

    @Test
    void everyReportAppendsARowAfterOneHeader() throws Exception {
        spec.put("log", "logs/a.csv");
        CsvLog log = log();
        reports.subList(0, 3).forEach(log::step);
        log.close();
        CsvLog restarted = log(); // the bundle restarted, or another runtime appends to the same file
        reports.subList(3, 6).forEach(restarted::step);
        finish(restarted);

        List<String> lines = Files.readAllLines(home.resolve("logs/a.csv"));
        assertEquals(7, lines.size());
        assertEquals(ReportCsv.HEADER, lines.get(0));
        assertEquals(ReportCsv.row(reports.get(0)), lines.get(1));
        try (Reader in = Files.newBufferedReader(home.resolve("logs/a.csv"), StandardCharsets.UTF_8)) {
            Samples.assertExactlyEqual(reports, ReportCsv.read(in));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void anEmptyFileGetsTheHeaderFirst() throws IOException {
        spec.put("log", "a.csv");
        Files.createFile(home.resolve("a.csv"));

        CsvLog log = log();
        log.step(reports.get(0));
        finish(log);

        assertEquals(List.of(ReportCsv.HEADER, ReportCsv.row(reports.get(0))), Files.readAllLines(home.resolve("a.csv")));
    }

    @Test
    void aRunWithoutLogWritesNothing() throws IOException {
        CsvLog log = log();
        reports.forEach(log::step);
        finish(log);

        try (var files = Files.list(home)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aFileOfOtherColumnsIsLeftAloneWithOneWarning() throws IOException {
        spec.put("log", "results.csv");
        Files.writeString(home.resolve("results.csv"), "cell,loss\nlstm,0.1\n");
        CsvLog log = log();

        reports.forEach(log::step);
        finish(log);

        assertEquals("cell,loss\nlstm,0.1\n", Files.readString(home.resolve("results.csv")));
        assertOneWarning("run a: cannot append to its log " + home.resolve("results.csv")
                + " (it starts with other columns than a run log's); it trains on, without more rows there");
    }

    @Test
    void aLogThatCannotBeWrittenWarnsOnceAndThrowsNothing() throws IOException {
        spec.put("log", "taken.csv");
        Files.createDirectory(home.resolve("taken.csv"));
        CsvLog log = log();

        reports.forEach(log::step);
        finish(log);

        assertOneWarning("run a: cannot append to its log " + home.resolve("taken.csv")
                + " (it is not a regular file); it trains on, without more rows there");
    }

    @Test
    void anotherLogFileOrARunCreatedAgainIsTriedAfresh() throws IOException {
        spec.put("log", "taken.csv");
        Files.createDirectory(home.resolve("taken.csv"));
        CsvLog log = log();
        log.step(reports.get(0));
        spec.put("log", "free.csv"); // rnn:set a log=free.csv
        log.step(reports.get(1));
        spec.put("log", "taken.csv");
        log.step(reports.get(2));
        log.event(new RunEvent("a", RunEvent.Kind.CREATED, "created"));
        log.step(reports.get(3));
        finish(log);

        assertEquals(2, Files.readAllLines(home.resolve("free.csv")).size());
        assertEquals(2, warnings.size());
    }

    /** The run finishes: the trainer announces it, and the log is complete before that returns. */
    private static void finish(CsvLog log) {
        log.event(new RunEvent("a", RunEvent.Kind.FINISHED, "finished at step 60"));
    }

    private void assertOneWarning(String expected) {
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(Level.WARNING, warnings.get(0).getLevel());
        assertEquals(expected, warnings.get(0).getMessage());
        assertEquals(null, warnings.get(0).getThrown());
    }
}
