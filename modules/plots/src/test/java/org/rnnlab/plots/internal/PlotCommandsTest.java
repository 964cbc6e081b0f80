package org.rnnlab.plots.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.core.files.HomeFiles;
import org.w3c.dom.Document;

/** rnn:plot and rnn:export against a trainer that knows run "a", writing under a temporary home. */
class PlotCommandsTest {
    @TempDir
    Path home;

    private final List<StepReport> reports = Samples.reports("a", 40);

    private PlotCommands commands() {
        return commands(reports);
    }

    private PlotCommands commands(List<StepReport> kept) {
        return new PlotCommands(Samples.trainer("a", Samples.SPEC, kept), new HomeFiles(home));
    }

    @ParameterizedTest
    @ValueSource(strings = {"loss", "gradients", "flow", "diagnostics"})
    void everyPlotIsAPngOfTheChartsSize(String what) throws IOException {
        String said = commands().plot("a", "what=" + what, "file=plots/a-" + what + ".png");

        Path file = home.resolve("plots/a-" + what + ".png");
        assertEquals("wrote the " + what + " plot of run a (steps 10 to 400) to " + file, said);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(ChartFiles.WIDTH, image.getWidth());
        assertEquals(ChartFiles.HEIGHT, image.getHeight());
    }

    @ParameterizedTest
    @ValueSource(strings = {"loss", "gradients", "flow", "diagnostics"})
    void everyPlotIsAWellFormedSvg(String what) throws Exception {
        commands().plot("a", "what=" + what, "file=a-" + what + ".SVG");

        DocumentBuilderFactory parser = DocumentBuilderFactory.newInstance();
        // the document names SVG 1.1's DTD; well-formedness is checked without fetching it
        parser.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg;
        try (InputStream in = Files.newInputStream(home.resolve("a-" + what + ".SVG"))) {
            svg = parser.newDocumentBuilder().parse(in);
        }
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals(ChartFiles.WIDTH, Double.parseDouble(svg.getDocumentElement().getAttribute("width")));
        assertEquals(ChartFiles.HEIGHT, Double.parseDouble(svg.getDocumentElement().getAttribute("height")));
        assertTrue(svg.getDocumentElement().getTextContent().contains("run a: "), "the title is text, not outlines");
    }

    @Test
    void lossIsTheDefaultPlot() {
        String said = commands().plot("a", "file=a.png");

        assertTrue(said.startsWith("wrote the loss plot of run a"), said);
    }

    @Test
    void exportWritesCsvAndJsonThatReadBack() throws IOException {
        assertEquals("wrote 40 step reports of run a (steps 10 to 400) to " + home.resolve("a.csv"),
                commands().export("a", "file=a.csv"));
        commands().export("a", "file=out/a.json");

        try (Reader csv = Files.newBufferedReader(home.resolve("a.csv"), StandardCharsets.UTF_8)) {
            Samples.assertExactlyEqual(reports, ReportCsv.read(csv));
        }
        try (InputStream json = Files.newInputStream(home.resolve("out/a.json"))) {
            Samples.assertExactlyEqual(new RunHistory("a", Samples.SPEC, reports), ReportJson.read(json));
        }
    }

    @Test
    void anAbsolutePathIsTakenAsItIs(@TempDir Path elsewhere) {
        commands().export("a", "file=" + elsewhere.resolve("a.json"));

        assertTrue(Files.isRegularFile(elsewhere.resolve("a.json")));
    }

    @Test
    void aFileIsReplacedWholeAndNoTemporaryFileRemains() throws IOException {
        commands().export("a", "file=a.csv");
        assertEquals(41, Files.readAllLines(home.resolve("a.csv")).size());

        commands(reports.subList(0, 2)).export("a", "file=a.csv");

        assertEquals(3, Files.readAllLines(home.resolve("a.csv")).size());
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(home.resolve("a.csv")), files.toList());
        }
    }

    /** A second plot or export replaces the first, and an empty file is written over; a file of anything else is kept. */
    @ParameterizedTest
    @ValueSource(strings = {"a.png", "a.svg", "a.csv", "a.json"})
    void onlyAnEarlierFileOfTheSameKindIsReplaced(String name) throws IOException {
        Path file = home.resolve(name);
        write(name);
        byte[] first = Files.readAllBytes(file);
        write(name);
        assertTrue(Files.readAllBytes(file).length > 0 && first.length > 0);

        Files.writeString(file, "my notes, not a chart");
        String refused = message(() -> write(name));
        assertTrue(refused.startsWith(file + " exists and is not "), refused);
        assertTrue(refused.endsWith("; choose another file or remove it (nothing was written)"), refused);
        assertEquals("my notes, not a chart", Files.readString(file));

        if (name.endsWith(".png") || name.endsWith(".svg")) { // a picture that is not rnnlab's is kept too
            byte[] theirs = othersPicture(name);
            Files.write(file, theirs);
            assertTrue(message(() -> write(name)).contains("exists and is not an earlier rnnlab chart"));
            assertArrayEquals(theirs, Files.readAllBytes(file));
        }

        Files.writeString(file, "");
        write(name);
        assertTrue(Files.size(file) > 0, "an empty file holds nothing to lose");
    }

    /** A PNG or SVG that some other program wrote. */
    private static byte[] othersPicture(String name) throws IOException {
        if (name.endsWith(".svg")) {
            return ("<?xml version=\"1.0\"?>\n<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
                    + "<circle r='4'/></svg>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", png);
        return png.toByteArray();
    }

    private void write(String name) {
        if (name.endsWith(".png") || name.endsWith(".svg")) {
            commands().plot("a", "file=" + name);
        } else {
            commands().export("a", "file=" + name);
        }
    }

    @Test
    void theFormatComesFromTheExtension() {
        assertEquals("file=a.jpg is not accepted; expected a file name ending in .png or .svg (the format follows from it)",
                message(() -> commands().plot("a", "file=a.jpg")));
        assertEquals("file=runs/.png is not accepted; expected a file name ending in .png or .svg (the format follows "
                + "from it)", message(() -> commands().plot("a", "file=runs/.png")));
        assertEquals("file=a.png is not accepted; expected a file name ending in .csv or .json (the format follows "
                + "from it)", message(() -> commands().export("a", "file=a.png")));
    }

    @Test
    void badArgumentsGetOneLine() {
        assertEquals("file= is missing; usage: rnn:plot NAME what=loss|gradients|flow|diagnostics file=FILE.png|FILE.svg",
                message(() -> commands().plot("a", "what=flow")));
        assertEquals("plot: what=speed is not accepted; expected one of loss, gradients, flow, diagnostics",
                message(() -> commands().plot("a", "what=speed", "file=a.png")));
        assertEquals("unknown option 'size' for export; accepted: file",
                message(() -> commands().export("a", "file=a.csv", "size=3")));
        assertEquals("malformed argument 'a.csv'; expected key=value, e.g. file=runs/a.png",
                message(() -> commands().export("a", "a.csv")));
        assertEquals("'file' is given twice", message(() -> commands().export("a", "file=a.csv", "file=b.csv")));
        assertEquals("usage: rnn:export NAME file=FILE.csv|FILE.json (help rnn:export describes it)",
                message(() -> commands().export()));
    }

    @Test
    void anUnknownRunGetsTheTrainersMessage() {
        assertEquals("no run named 'b'; runs: a", message(() -> commands().plot("b", "file=b.png")));
        assertEquals("no run named 'b'; runs: a", message(() -> commands().export("b", "file=b.csv")));
    }

    @Test
    void aRunWithoutReportsOrDiagnosticsSaysSo() {
        assertEquals("run a has not reported a step yet: start it (it reports every report=N steps and at its last)",
                message(() -> commands(List.of()).plot("a", "file=a.png")));
        List<StepReport> undiagnosed = reports.stream().filter(r -> r.diagnostics() == null).toList();
        assertEquals("run a has no diagnostics; create it with diagnostics=N",
                message(() -> commands(undiagnosed).plot("a", "what=diagnostics", "file=a.png")));
        assertTrue(Files.notExists(home.resolve("a.png")));
    }

    private static String message(Runnable command) {
        return assertThrows(RnnlabException.class, command::run).getMessage();
    }
}
