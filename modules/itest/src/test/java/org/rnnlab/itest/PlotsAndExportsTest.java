package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.w3c.dom.Document;

/**
 * rnn:plot, rnn:export and the log= run key in the shipped platform: the plots bundle adds its
 * functions to the shell's rnn scope, draws headless through the JFreeChart wrapper bundle and
 * writes JSON through the Jackson bundles.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PlotsAndExportsTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final String RUN = "plotted";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    Trainer trainer;

    @TempDir
    Path folder;

    private ServiceReference<CommandProcessor> processorRef;
    private CommandSession session;

    @BeforeEach
    void openSession() throws InterruptedException {
        Await.service(context, null, "(&(osgi.command.scope=rnn)(osgi.command.function=plot))", STARTUP);
        Await.service(context, CommandProcessor.class, null, STARTUP);
        processorRef = context.getServiceReference(CommandProcessor.class);
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        session = context.getService(processorRef).createSession(InputStream.nullInputStream(), discard, discard);
    }

    @AfterEach
    void closeSession() {
        if (trainer.runs().stream().anyMatch(status -> status.name().equals(RUN))) {
            trainer.remove(RUN);
        }
        session.close();
        context.ungetService(processorRef);
    }

    @Test
    void aTrainedRunIsPlottedExportedAndLoggedRowByRow() throws Exception {
        Path log = folder.resolve("logs/" + RUN + ".csv");
        execute("rnn:new " + RUN + " task=adding length=12 hidden=8 steps=60 report=5 eval.every=20 eval=64 "
                + "diagnostics=10 log=" + log);
        execute("rnn:start " + RUN);
        assertEquals(RunState.FINISHED, trainer.await(RUN, Duration.ofMinutes(2)).state());
        List<StepReport> reports = trainer.reports(RUN);
        assertEquals(12, reports.size(), "a report every 5 of 60 steps");

        for (String what : List.of("loss", "gradients", "flow", "diagnostics")) {
            Path png = folder.resolve(what + ".png");
            assertEquals("wrote the " + what + " plot of run " + RUN + " (steps 5 to 60) to " + png,
                    execute("rnn:plot " + RUN + " what=" + what + " file=" + png));
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1000, image.getWidth());
            assertEquals(600, image.getHeight());
            Path svg = folder.resolve(what + ".svg");
            execute("rnn:plot " + RUN + " what=" + what + " file=" + svg);
            assertEquals("svg", parsedXml(svg).getDocumentElement().getTagName());
        }

        Path csv = folder.resolve(RUN + ".csv");
        assertEquals("wrote 12 step reports of run " + RUN + " (steps 5 to 60) to " + csv,
                execute("rnn:export " + RUN + " file=" + csv));
        Path json = folder.resolve(RUN + ".json");
        execute("rnn:export " + RUN + " file=" + json);

        // the log has every report as it was made; here all were kept, so it is the export, row for row
        List<String> rows = Files.readAllLines(log);
        assertEquals(1 + reports.size(), rows.size());
        assertTrue(rows.get(0).startsWith("run,step,loss,"), rows.get(0));
        for (int i = 0; i < reports.size(); i++) {
            assertTrue(rows.get(i + 1).startsWith(RUN + "," + reports.get(i).step() + ","), rows.get(i + 1));
        }
        assertEquals(Files.readString(csv), Files.readString(log));
        String exported = Files.readString(json);
        assertTrue(exported.startsWith("{") && exported.contains("\"run\" : \"" + RUN + "\""), exported);
        assertEquals(reports.size(), exported.split("\"tokensPerSecond\"", -1).length - 1);
    }

    @Test
    void mistakesGetOneLineFromEachCommand() throws Exception {
        String unknown = failure("rnn:plot nosuch what=loss file=x.png");
        assertTrue(unknown.startsWith("no run named 'nosuch'; runs: "), unknown);
        execute("rnn:new " + RUN + " task=adding length=5 hidden=4 steps=5");
        assertEquals("run " + RUN + " has not reported a step yet: start it (it reports every report=N steps and at its last)",
                failure("rnn:export " + RUN + " file=" + folder.resolve("x.csv")));
        execute("rnn:start " + RUN);
        trainer.await(RUN, Duration.ofMinutes(1));
        assertEquals("run " + RUN + " has no diagnostics; create it with diagnostics=N",
                failure("rnn:plot " + RUN + " what=diagnostics file=" + folder.resolve("x.png")));
        assertEquals("file=x.gif is not accepted; expected a file name ending in .png or .svg (the format follows from it)",
                failure("rnn:plot " + RUN + " file=x.gif"));
    }

    private String execute(String command) throws Exception {
        Object result = session.execute(command);
        return result == null ? "" : String.valueOf(result);
    }

    private String failure(String command) {
        return assertThrows(Exception.class, () -> execute(command)).getMessage();
    }

    private static Document parsedXml(Path file) throws Exception {
        DocumentBuilderFactory parser = DocumentBuilderFactory.newInstance();
        parser.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        try (InputStream in = Files.newInputStream(file)) {
            return parser.newDocumentBuilder().parse(in);
        }
    }
}
