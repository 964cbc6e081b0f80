package org.rnnlab.plots.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.StepReport;

/** What rnn:export writes reads back as the reports it was given, to the bit, in both formats. */
class ExportRoundTripTest {
    private static List<StepReport> everything() {
        List<StepReport> reports = new ArrayList<>(Samples.reports("a", 12));
        reports.addAll(Samples.awkward());
        return reports;
    }

    @Test
    void csvReadsBackEveryReportExactly() throws IOException {
        List<StepReport> written = everything();
        String csv = csv(written);

        Samples.assertExactlyEqual(written, ReportCsv.read(new StringReader(csv)));
    }

    @Test
    void csvHasTheHeaderAndOneLinePerReport() throws IOException {
        List<String> lines = csv(Samples.reports("a", 3)).lines().toList();

        assertEquals(4, lines.size());
        assertEquals("run,step,loss,metric,gradient_norm,learning_rate,steps_per_second,tokens_per_second,"
                + "layer_gradient_norms,hidden_gradient_norms,eval_loss,eval_metric,eval_metric_name,eval_baseline,"
                + "eval_sequences,remedies,diagnostics", lines.get(0));
        assertTrue(lines.get(1).startsWith("a,10,1.0,0.5,2.0,0.001,120.5,77120.0,1.5 0.25,1.9073486328125E-6 "), lines.get(1));
    }

    @Test
    void csvWritesNumbersAsJavaDoes() throws IOException {
        String row = ReportCsv.row(Samples.awkward().get(0));

        assertTrue(row.startsWith("a,1,NaN,Infinity,-Infinity,NaN,NaN,-0.0,,,,,,,,,"), row);
    }

    @Test
    void csvReadsCarriageReturnLineEnds() throws IOException {
        List<StepReport> written = Samples.reports("a", 5);

        Samples.assertExactlyEqual(written, ReportCsv.read(new StringReader(csv(written).replace("\n", "\r\n"))));
    }

    @Test
    void csvWithoutTheColumnsIsRefused() {
        IOException e = assertThrows(IOException.class, () -> ReportCsv.read(new StringReader("step,loss\n1,0.5\n")));

        assertTrue(e.getMessage().startsWith("no column run: expected run,step,"), e.getMessage());
    }

    @Test
    void csvWithARowCutShortIsRefused() throws IOException {
        String csv = csv(Samples.reports("a", 2));
        String cut = csv.substring(0, csv.lastIndexOf(',')) + "\n";

        IOException e = assertThrows(IOException.class, () -> ReportCsv.read(new StringReader(cut)));
        assertEquals("row 2 has 16 cells; the header has 17", e.getMessage());
    }

    @Test
    void jsonReadsBackTheRunItsSpecAndEveryReportExactly() throws IOException {
        RunHistory written = new RunHistory("a", Samples.SPEC, everything());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportJson.write(written, out);

        Samples.assertExactlyEqual(written, ReportJson.read(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void jsonWritesNonFiniteNumbersAsStrings() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportJson.write(new RunHistory("a", Samples.SPEC, Samples.awkward()), out);
        String json = out.toString(StandardCharsets.UTF_8);

        assertTrue(json.contains("\"loss\" : \"NaN\""), json);
        assertTrue(json.contains("\"metric\" : \"Infinity\""), json);
        assertTrue(json.contains("\"gradientNorm\" : \"-Infinity\""), json);
        assertTrue(json.contains("\"layerGradientNorms\" : [ ]"), json);
    }

    private static String csv(List<StepReport> reports) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportCsv.write(reports, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
