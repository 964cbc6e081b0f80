package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Optional;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.Trainer;

/** The rnn commands, executed through Gogo's CommandProcessor as the shell and the launcher do. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ShellCommandsTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    Trainer trainer;

    private ServiceReference<CommandProcessor> processorRef;
    private CommandSession session;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void openSession() throws InterruptedException {
        // Command services are registered under their implementation class: find them by scope alone.
        Await.service(context, null, "(osgi.command.scope=rnn)", STARTUP);
        Await.service(context, CommandProcessor.class, null, STARTUP);
        processorRef = context.getServiceReference(CommandProcessor.class);
        CommandProcessor processor = context.getService(processorRef);
        session = processor.createSession(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void closeSession() {
        for (String run : new String[] {"x", "y"}) {
            if (trainer.runs().stream().anyMatch(status -> status.name().equals(run))) {
                trainer.remove(run);
            }
        }
        if (session != null) {
            session.close();
        }
        if (processorRef != null) {
            context.ungetService(processorRef);
        }
    }

    @Test
    void componentsListsTheBuiltInsWithTheirBundles() throws Exception {
        String listing = execute("rnn:components");

        assertBundle(listing, "rnn-tanh", "org.rnnlab.cell-rnn");
        assertBundle(listing, "adam", "org.rnnlab.optim");
        assertBundle(listing, "clip-norm", "org.rnnlab.remedy");
        assertBundle(listing, "adding", "org.rnnlab.tasks");
    }

    @Test
    void newStartAndStatusDriveARun() throws Exception {
        String created = execute("rnn:new x task=adding length=5 steps=10");
        assertTrue(created.startsWith("created x"), created);

        String started = execute("rnn:start x");
        assertTrue(started.startsWith("x "), started);

        RunStatus finished = trainer.await("x", Duration.ofMinutes(1));
        assertEquals(RunState.FINISHED, finished.state(), finished.message());
        assertEquals(10, finished.step());

        String status = execute("rnn:status x");
        assertTrue(status.startsWith("x  finished  step 10/10"), status);
        assertTrue(status.contains("task=adding") && status.contains("length=5"), status);
    }

    /** A tanh RNN from a contracting start on a long adding problem: the chart shows the gradient vanish. */
    @Test
    void gradientsChartsTheNormThroughTimeOfTheLastReport() throws Exception {
        Exception early = assertThrows(Exception.class, () -> execute("rnn:gradients nosuch"));
        assertTrue(early.getMessage().contains("nosuch"), early.getMessage());
        execute("rnn:new x task=adding length=40 hidden=16 init.recurrent=spectral:radius=0.5 steps=5 report=5");
        Exception notYet = assertThrows(Exception.class, () -> execute("rnn:gradients x"));
        assertEquals("run x has not reported a step yet: start it (it reports every report=N steps and at its last)",
                notYet.getMessage());
        execute("rnn:start x");
        assertEquals(RunState.FINISHED, trainer.await("x", Duration.ofMinutes(1)).state());

        String chart = execute("rnn:gradients x");
        assertTrue(chart.startsWith("run x, step 5: ||dL/dh_t|| over the last window of the first layer (log scale)"),
                chart);
        assertTrue(chart.contains("\n  t=0 ") && chart.contains("\n  t=39 "), chart);
        assertTrue(chart.lines().reduce((a, b) -> b).orElseThrow().endsWith("over 39 steps back: vanishing"), chart);
    }

    @Test
    void experimentTrainsEveryCombinationAndTabulatesThem() throws Exception {
        String table = execute("rnn:experiment name=grid task=adding length=5 hidden=4 steps=5 eval=32 "
                + "cell=rnn-tanh cell=rnn-relu remedies=none remedies=clip-norm:max=1");
        List<String> lines = table.lines().toList();
        assertEquals(5, lines.size(), table);
        assertTrue(lines.get(0).matches("RUN +CELL +REMEDIES +RESULT +LOSS +\\|GRAD\\| +SECONDS"), lines.get(0));
        assertTrue(lines.get(1).matches("grid-1 +rnn-tanh +none +mse \\S+ \\(0\\.1667\\) .*"), lines.get(1));
        assertTrue(lines.get(4).matches("grid-4 +rnn-relu +clip-norm:max=1 +mse .*"), lines.get(4));
        assertEquals("", trainer.status("grid-1").spec().get("remedies"));
        for (int i = 1; i <= 4; i++) {
            assertEquals(RunState.FINISHED, trainer.status("grid-" + i).state());
            trainer.remove("grid-" + i);
        }
    }

    /** Seeded, independent runs: two at a time give exactly the table of one at a time. */
    @Test
    void anExperimentTrainsTwoAtOnceWithTheResultsOfOneAtATime() throws Exception {
        String grid = " task=adding length=6 hidden=5 steps=30 eval=32 cell=rnn-tanh cell=gru seed=1 seed=2 target=0.2";
        String both = execute("rnn:experiment name=two parallel=2" + grid);
        String one = execute("rnn:experiment name=one parallel=1" + grid);
        assertEquals(results(one), results(both));
        assertEquals(4, results(both).size());
        assertTrue(both.contains("SEEDS  FINISHED  METRIC MEAN ± SD"), both);
        for (String prefix : new String[] {"two-", "one-"}) {
            for (int i = 1; i <= 4; i++) {
                trainer.remove(prefix + i);
            }
        }
    }

    /** Every run's row without its name and seconds. */
    private static List<String> results(String table) {
        return table.lines().filter(l -> l.matches("(one|two)-\\d.*")).map(l -> {
            String[] columns = l.trim().split("\\s{2,}");
            List<String> kept = new java.util.ArrayList<>(List.of(columns).subList(1, columns.length));
            kept.remove(kept.size() - 2); // SECONDS
            return String.join(" | ", kept);
        }).toList();
    }

    @Test
    void theExplodingDemoTellsItsStoryWithItsTable() throws Exception {
        String table = execute("rnn:demo exploding");
        List<String> rows = table.lines().filter(l -> l.startsWith("demo-exploding-")).toList();
        assertEquals(4, rows.size(), table);
        assertTrue(rows.get(0).contains("failed at step"), rows.get(0));
        assertTrue(rows.get(1).contains("paused at step"), rows.get(1));
        assertTrue(rows.get(2).matches(".*clip-norm:max=1 +mse 0\\.\\d+ \\(0\\.1667\\).*"), rows.get(2));
        Exception unknown = assertThrows(Exception.class, () -> execute("rnn:demo nosuch"));
        assertEquals("unknown demo 'nosuch'; accepted: vanishing, exploding, reservoir, truncation", unknown.getMessage());
        for (int i = 1; i <= 4; i++) {
            trainer.remove("demo-exploding-" + i);
        }
    }

    @Test
    void anExperimentWithABadCombinationTrainsNothingAndLeavesNothing() {
        Exception refused = assertThrows(Exception.class,
                () -> execute("rnn:experiment name=bad length=5 steps=5 cell=rnn-tanh cell=nosuch"));
        assertTrue(refused.getMessage().startsWith("bad-2 (cell=nosuch): "), refused.getMessage());
        assertTrue(trainer.runs().stream().noneMatch(status -> status.name().startsWith("bad-")), "runs left behind");
    }

    /** Without the cluster add-on, cluster=true is refused before a run is created or a file written. */
    @Test
    void aClusterExperimentOnARuntimeThatIsNoMemberLeavesNothing() {
        Exception refused = assertThrows(Exception.class,
                () -> execute("rnn:experiment name=alone cluster=true task=adding length=5 steps=5 seed=1 seed=2"));
        assertTrue(refused.getMessage().startsWith("cluster=true needs this runtime to be a cluster member"),
                refused.getMessage());
        assertTrue(trainer.runs().stream().noneMatch(status -> status.name().startsWith("alone-")), "runs left behind");
        for (String file : List.of("alone.experiment", "alone.progress")) {
            assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("runs", file)), file + " left behind");
        }
    }

    /**
     * resume=NAME cluster=true refuses when this runtime's runs/NAME.experiment makes other runs than
     * the experiment the cluster holds under NAME (their runs would mix), touching nothing; the same
     * experiment, its settings in another order, goes on to the cluster. The cluster is a stand-in
     * for the add-on's service, registered under the shell's interface.
     */
    @Test
    void aClusterResumeRefusesALocalExperimentThatIsNotTheClusters() throws Exception {
        java.nio.file.Path local = java.nio.file.Path.of("runs", "twin.experiment");
        java.nio.file.Files.createDirectories(local.getParent());
        String words = "name=twin\ncluster=true\ntask=adding\nlength=5\nsteps=5\nseed=1\nseed=2\n";
        java.nio.file.Files.writeString(local, words);
        List<List<String>> held = new java.util.ArrayList<>(List.of(List.of("name=twin", "task=adding", "length=9",
                "steps=5", "seed=1", "seed=2", "cluster=true")));
        org.osgi.framework.ServiceRegistration<?> registration = registerStandInCluster(() -> Optional.of(held.get(0)),
                runs -> {
                    throw new RnnlabException("the stand-in cluster was asked to train");
                });
        try {
            Exception refused = assertThrows(Exception.class, () -> execute("rnn:experiment resume=twin cluster=true"));
            assertTrue(refused.getMessage().startsWith("resume=twin here makes other runs than the cluster's experiment "
                    + "twin (task=adding length=5 steps=5 seed=1 seed=2, against task=adding length=9 steps=5 seed=1 "
                    + "seed=2), and would mix the two"), refused.getMessage());
            assertEquals(words, java.nio.file.Files.readString(local), "the local definition is kept");
            assertTrue(trainer.runs().stream().noneMatch(status -> status.name().startsWith("twin-")), "runs made");
            assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("runs", "twin.progress")), "progress written");

            // the same runs, the words in another order
            held.set(0, List.of("cluster=true", "steps=5", "name=twin", "length=5", "task=adding", "seed=1", "seed=2"));
            Exception handedOver = assertThrows(Exception.class, () -> execute("rnn:experiment resume=twin cluster=true"));
            assertEquals("the stand-in cluster was asked to train", handedOver.getMessage());
        } finally {
            registration.unregister();
            trainer.runs().stream().map(RunStatus::name).filter(name -> name.startsWith("twin-")).toList()
                    .forEach(trainer::remove);
            for (String file : List.of("twin.experiment", "twin.progress")) {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("runs", file));
            }
        }
    }

    /**
     * A run that trained on the cluster gets its steps to target from the records in its outcome,
     * though no report of it reached this runtime (the stand-in trains nothing and reports nothing):
     * the first record at or below the target.
     */
    @Test
    void aClusterRunsStepsToTargetComeFromItsRecords() throws Exception {
        ClassLoader shell = shellBundle().adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
        Class<?> report = shell.loadClass("org.rnnlab.shell.grid.GridTraining$Report");
        java.lang.reflect.Constructor<?> newReport = report.getConstructor(long.class, double.class);
        List<Object> records = List.of(newReport.newInstance(100L, 0.3), newReport.newInstance(200L, 0.08),
                newReport.newInstance(300L, 0.05));
        Object finished = shell.loadClass("org.rnnlab.shell.grid.GridTraining$Outcome")
                .getConstructor(RunState.class, double.class, List.class).newInstance(RunState.FINISHED, 1.5, records);
        org.osgi.framework.ServiceRegistration<?> registration = registerStandInCluster(Optional::empty, runs -> {
            Map<String, Object> outcomes = new java.util.LinkedHashMap<>();
            runs.keySet().forEach(run -> outcomes.put(run, finished));
            return outcomes;
        });
        try {
            String table = execute("rnn:experiment name=rec cluster=true target=0.1 task=adding length=5 steps=5 seed=1");
            assertTrue(table.lines().anyMatch(l -> l.matches("rec-1 .* 200")), table);
        } finally {
            registration.unregister();
            trainer.runs().stream().map(RunStatus::name).filter(name -> name.startsWith("rec-")).toList()
                    .forEach(trainer::remove);
            for (String file : List.of("rec.experiment", "rec.progress", "rec.csv", "rec.md")) {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("runs", file));
            }
        }
    }

    /**
     * Registers a stand-in for the cluster add-on's service, under the shell's interface (which this
     * bundle does not import): {@code definition} answers for any name, {@code train} takes the runs.
     */
    private org.osgi.framework.ServiceRegistration<?> registerStandInCluster(
            java.util.function.Supplier<Optional<List<String>>> definition,
            java.util.function.Function<Map<String, ?>, Map<String, Object>> train) throws ClassNotFoundException {
        Class<?> type = shellBundle().loadClass("org.rnnlab.shell.grid.GridTraining");
        Object cluster = java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "definition" -> definition.get();
                    case "train" -> train.apply((Map<String, ?>) arguments[2]);
                    case "elsewhere" -> Optional.empty();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    default -> "stand-in cluster";
                });
        return context.registerService(type.getName(), cluster, null);
    }

    private org.osgi.framework.Bundle shellBundle() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("org.rnnlab.shell"))
                .findFirst().orElseThrow();
    }

    @Test
    void sampleWritesTextFromACharacterLevelRun() throws Exception {
        execute("rnn:new x task=text length=8 hidden=8 batch=4 steps=5");
        execute("rnn:start x");
        assertEquals(RunState.FINISHED, trainer.await("x", Duration.ofMinutes(1)).state());

        String text = execute("rnn:sample x length=40 seed=3 \"prime=the \"");
        assertEquals(44, text.length(), text);
        assertTrue(text.startsWith("the "), text);
        assertEquals(text, execute("rnn:sample x length=40 seed=3 \"prime=the \""));
        Exception refused = assertThrows(Exception.class, () -> execute("rnn:sample x temperature=-1"));
        assertTrue(refused.getMessage().contains("temperature"), refused.getMessage());
    }

    @Test
    void aRunSpecCanComeFromAPropertiesFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("run", ".properties");
        try {
            java.nio.file.Files.writeString(file, "task=temporal-order\nlength=30\ncell=gru\nhidden=6\n");
            execute("rnn:new x spec=" + file + " hidden=5");
            Map<String, String> spec = trainer.status("x").spec();
            assertEquals("temporal-order", spec.get("task"));
            assertEquals("30", spec.get("length"));
            assertEquals("gru", spec.get("cell"));
            assertEquals("5", spec.get("hidden"), "the command line wins over the file");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void unknownCellIsRefusedWithOneLineNamingTheAcceptedCells() {
        Exception refused = assertThrows(Exception.class, () -> execute("rnn:new y cell=nosuch"));

        assertInstanceOf(RnnlabException.class, refused);
        String message = refused.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "more than one line: " + message);
        assertTrue(message.contains("nosuch"), message);
        assertTrue(message.contains("rnn-relu") && message.contains("rnn-tanh"), message);
        assertTrue(trainer.runs().stream().noneMatch(status -> status.name().equals("y")), "run y was created");
    }

    @Test
    void remedyAddsListsAndRemovesOnALiveRun() throws Exception {
        execute("rnn:new live task=adding length=5 remedies=clip-norm:max=1");
        execute("rnn:start live steps=1000000");
        execute("rnn:remedy live add clip-value value=0.5");
        assertEquals("clip-norm:max=1\nclip-value:value=0.5", execute("rnn:remedy live list"));
        execute("rnn:remedy live remove clip-norm");
        assertEquals("clip-value:value=0.5", trainer.status("live").spec().get("remedies"));
        Exception refused = assertThrows(Exception.class, () -> execute("rnn:remedy live add clip-value value=x"));
        assertTrue(refused.getMessage().contains("value=x"), refused.getMessage());
        assertEquals("clip-value:value=0.5", trainer.status("live").spec().get("remedies"), "a bad change changes nothing");
        execute("rnn:stop live");
    }

    @Test
    void diagnosticsShowTheFlowOfEveryLayerAndWriteCsv(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        execute("rnn:new x task=adding length=12 hidden=6 layers=2 steps=10 report=10");
        execute("rnn:start x");
        execute("rnn:await x");
        Exception none = assertThrows(Exception.class, () -> execute("rnn:diagnostics x"));
        assertTrue(none.getMessage().startsWith("run x has no diagnostics yet: give it diagnostics=N"), none.getMessage());
        execute("rnn:set x diagnostics=5");
        execute("rnn:start x");
        execute("rnn:await x");
        String text = execute("rnn:diagnostics x csv=" + folder.resolve("d.csv"));
        assertTrue(text.startsWith("run x, step 20: learning rate 0.0010"), text);
        assertTrue(text.contains("l1.weight_hh"), text);
        assertTrue(java.nio.file.Files.readString(folder.resolve("d.csv")).startsWith("step,kind,name,index,metric,value\n"));
        assertTrue(execute("rnn:gradients x layer=1 csv=" + folder.resolve("d.csv")).contains("wrote "), "over its own kind");
        java.nio.file.Path notes = java.nio.file.Files.writeString(folder.resolve("notes.csv"), "keep me\n");
        Exception kept = assertThrows(Exception.class, () -> execute("rnn:diagnostics x csv=" + notes));
        assertEquals(notes + " exists and is not an earlier CSV of this command; choose another file or remove it "
                + "(nothing was written)", kept.getMessage());
        assertEquals("keep me\n", java.nio.file.Files.readString(notes));
        assertEquals("csv= is empty; give a file name, e.g. csv=runs/a.csv",
                assertThrows(Exception.class, () -> execute("rnn:diagnostics x csv=")).getMessage());
        String chart = execute("rnn:gradients x layer=1");
        assertTrue(chart.startsWith("run x, step 20: ||dL/dh_t|| over the last window of layer 1"), chart);
        assertTrue(chart.contains("||dh_T/dh_k||"), chart);
        Exception missing = assertThrows(Exception.class, () -> execute("rnn:gradients x layer=2"));
        assertEquals("run x has no layer 2; layers: 0 to 1", missing.getMessage());
    }

    /** help rnn:train teaches every run key with its default: each key=value of a new run's spec is in it. */
    @Test
    void helpListsEveryRunKeyWithItsDefault() throws Exception {
        String returned = execute("help rnn:train");
        session.getConsole().flush();
        String help = (returned + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .replaceAll("\\s+", " ");
        execute("rnn:new x");
        for (Map.Entry<String, String> pair : trainer.status("x").spec().entrySet()) {
            assertTrue(help.contains(pair.getKey() + "=" + pair.getValue()), pair + " is missing from: " + help);
        }
    }

    /** Without its arguments a command answers with its usage in one line, never with Gogo's coercion error. */
    @Test
    void aCommandWithoutItsArgumentsAnswersWithItsUsage() {
        for (String command : new String[] {"new", "start", "pause", "resume", "stop", "set", "eval", "save", "load",
                "await", "remove", "gradients", "diagnostics", "memory", "history", "sample", "remedy"}) {
            Exception e = assertThrows(Exception.class, () -> execute("rnn:" + command));
            assertTrue(e.getMessage().startsWith("usage: rnn:" + command + " "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("coerce"), e.getMessage());
            // Gogo's help finds a command by its method's name, which rnn:new's cannot have.
            assertTrue(e.getMessage().endsWith(command.equals("new") ? "(help rnn:train describes the keys)"
                    : "(help rnn:" + command + " describes it)"), e.getMessage());
        }
    }

    /**
     * Fuzz: generated malformed commands and option values, each answered by one line in words
     * (no Java class name, no stack) and changing no run.
     */
    @Test
    void malformedCommandsGetOneLineAndChangeNothing() throws Exception {
        execute("rnn:new x task=adding length=5 hidden=4");
        String[] bad = {"=", "=x", "x=", "lstm", "hidden=-1", "hidden=\uFF13\uFF12", "hidden=1e9", "lr=abc", "lr=-1",
            "cell=nosuch", "remedies=,", "remedies=clip-norm:", "remedies=clip-norm:max=1:max=2", "task=nosuch",
            "length=0", "washout=1000000", "bidirectional=maybe", "init.nosuch=zero", "optimizer=nosuch", "steps=-5",
            "seed=x", "threads=99", "backend=nosuch", "early-stop=patience=0", "factor=0.5", "checkpoint.best=nosuch",
            "spec=/nonexistent/run.properties", "eval.every=-1", "remedies=tbptt:k=0", "init.recurrent=orthogonal:gain=x",
            "remedies=clip-norm:max=-1", "diagnostics=-3", "checkpoint.keep=0", "readout=sometimes", "layers=0",
            "task=text:length=x", "remedies=nosuch", "momentum=2", "betas=1,2,3", "schedule=wavy",
            "checkpoint.shutdown=maybe"};
        String[] templates = {"rnn:new f %s", "rnn:train steps=3 %s", "rnn:set x %s", "rnn:experiment name=g steps=2 %s",
            "rnn:new f length=5 %s hidden=4", "rnn:eval x %s", "rnn:sample x %s", "rnn:gradients x %s",
            "rnn:diagnostics x %s", "rnn:memory x %s", "rnn:start x %s", "rnn:history x %s"};
        String[] plain = {"rnn:start nosuch", "rnn:pause x y", "rnn:status nosuch", "rnn:load /nonexistent.ckpt",
            "rnn:save x /dev/full", "rnn:remove nosuch", "rnn:new", "rnn:set", "rnn:components nosuch", "rnn:demo nosuch",
            "rnn:recover nosuch", "rnn:new 'a b'", "rnn:await nosuch", "rnn:remedy x add nosuch", "rnn:remedy x frob"};
        java.util.Random random = new java.util.Random(42);
        List<String> cases = new java.util.ArrayList<>(List.of(plain));
        while (cases.size() < 220) {
            String template = templates[random.nextInt(templates.length)];
            cases.add(String.format(template, bad[random.nextInt(bad.length)]));
        }
        String before = trainer.runs().toString();
        for (String command : cases) {
            Exception e = assertThrows(Exception.class, () -> execute(command), command);
            String message = e.getMessage();
            assertTrue(message != null && !message.isBlank(), command + ": no message");
            assertTrue(!message.contains("\n"), command + ": more than one line: " + message);
            assertTrue(!message.matches(".*(Exception|Error\\b|java\\.|\\bcoerce\\b).*"),
                    command + ": Java leaks through: " + message);
        }
        assertEquals(before, trainer.runs().toString(), "no run was created or changed");
    }

    @Test
    void componentsDescribesAComponentByName() throws Exception {
        String lstm = execute("rnn:components lstm");
        assertTrue(lstm.startsWith("cell lstm (org.rnnlab.cell-lstm "), lstm);
        assertTrue(lstm.contains("Hochreiter"), lstm);
        String clip = execute("rnn:components clip-norm");
        assertTrue(clip.contains("OPTION  DEFAULT  ACCEPTS"), clip);
        assertTrue(clip.matches("(?s).*\\n\\s+max\\s+1\\s+a number > 0\\n.*"), clip);
        assertTrue(clip.contains("one of 2, inf"), clip);
        String tbptt = execute("rnn:components tbptt");
        assertTrue(tbptt.contains("(with no options it stops at: tbptt needs k=K"), tbptt);
        Exception none = assertThrows(Exception.class, () -> execute("rnn:components nosuch"));
        assertTrue(none.getMessage().startsWith("no component or kind named 'nosuch'; kinds: cells,"), none.getMessage());
    }

    @Test
    void awaitWaitsForTheRunAndEvalRefusesADivergedOne() throws Exception {
        execute("rnn:new x task=adding length=5 hidden=4 steps=20");
        execute("rnn:start x");
        assertTrue(execute("rnn:await x").startsWith("x  finished  step 20/20"));

        execute("rnn:new y task=adding length=5 hidden=4 optimizer=sgd lr=1e300 steps=50");
        execute("rnn:start y");
        assertTrue(execute("rnn:await y").startsWith("y  failed  step 1/50"));
        Exception diverged = assertThrows(Exception.class, () -> execute("rnn:eval y"));
        assertEquals("run y evaluates to a non-finite loss (Infinity) at step 1: its parameters have diverged;"
                + " rnn:load or rnn:recover an earlier checkpoint", diverged.getMessage());
    }

    @Test
    void benchPrintsTokensPerSecondForTheBackendItUsed() throws Exception {
        execute("rnn:bench cell=rnn-tanh hidden=8 batch=2 length=8 steps=3 warmup=1 backend=java");
        session.getConsole().flush();
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.matches("(?s).*tokens/s: \\d+  GFLOP/s: [0-9.]+  of [0-9.]+ gemm-bound \\(one core\\): \\d+%  "
                + "backend: java  threads: 1  precision: float64  \\(rnn-tanh hidden=8\\)  warm-up: \\d+ steps\n.*"), printed);
        assertTrue(trainer.runs().stream().noneMatch(status -> status.name().startsWith("bench-")), "bench runs are removed");
    }

    @Test
    void benchOnTwoThreadsPrintsHowFarApartTheCoresAre() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "threads=2 needs two cores");
        execute("rnn:bench cell=rnn-tanh hidden=8 batch=2 length=8 steps=3 warmup=1 backend=java threads=2");
        // Measured, or said in words when other work kept the cores busy for the whole 50 ms.
        String roundTrip = "(\\d+ ns|not measured \\(the cores stayed busy\\))";
        session.getConsole().flush();
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.matches("(?s).*gemm-bound \\(2 cores\\): \\d+%  backend: java  threads: 2  precision: float64  "
                + "\\(rnn-tanh hidden=8\\)  warm-up: \\d+ steps  core round trip: " + roundTrip + " before, " + roundTrip
                + " after.*"), printed);
    }

    private String execute(String command) throws Exception {
        Object result = session.execute(command);
        return result == null ? "" : String.valueOf(result);
    }

    /** The listing has a row for {@code name} whose bundle column is {@code bundle}. */
    private static void assertBundle(String listing, String name, String bundle) {
        Optional<String[]> row = listing.lines().map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length >= 3 && columns[1].equals(name)).findFirst();
        assertTrue(row.isPresent(), "no row for " + name + " in\n" + listing);
        assertEquals(bundle, row.get()[2], "bundle of " + name + ": " + Arrays.toString(row.get()));
    }
}
