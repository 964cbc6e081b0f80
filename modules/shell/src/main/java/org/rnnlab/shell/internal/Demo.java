package org.rnnlab.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.Diagnostics;
import org.rnnlab.api.trainer.MemoryCapacity;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;

/**
 * {@code rnn:demo}: the classic experiments, each one command that tells its story with a table
 * (the experiment lab's, so runs train two at a time and the results also go to
 * {@code runs/demo-NAME.csv} and {@code .md}) and, where the story is the gradient's, how much of
 * h_k still reaches h_T at the end of training (from the runs' diagnostics).
 */
final class Demo {
    /** One demo: what it shows, the keys all its runs share, and each run's own keys. */
    record Story(String title, Map<String, String> shared, List<Map<String, String>> variants, boolean flow,
            boolean memory) {
    }

    static final Map<String, Story> STORIES = stories();

    private static Map<String, Story> stories() {
        Map<String, Story> stories = new LinkedHashMap<>();
        stories.put("vanishing", new Story("Vanishing gradients: the adding problem over 100 steps (Hochreiter & "
                + "Schmidhuber 1997). The tanh RNN's gradient does not reach the marked numbers; the LSTM's gates keep "
                + "it open, more so with chrono initialization (Tallec & Ollivier 2018); IRNN (Le et al. 2015) is a "
                + "ReLU RNN started at the identity.",
                spec("task=adding length=100 hidden=64 steps=2000 lr=0.01 remedies=clip-norm:max=1 backend=auto eval=512"
                        + " diagnostics=2000 seed=1"),
                List.of(spec("cell=rnn-tanh"), spec("cell=lstm"), spec("cell=lstm init.bias=chrono:tmax=100"),
                        spec("cell=rnn-relu init.recurrent=identity lr=0.0005")), true, false));
        stories.put("exploding", new Story("Exploding gradients: a tanh RNN whose recurrent weights start at spectral "
                + "radius 1.5, plain SGD at lr 0.1 (Pascanu, Mikolov & Bengio 2013). Without a remedy the update "
                + "overflows; the guard rolls back and pauses; clipping the norm or the values lets it train.",
                spec("task=adding length=20 hidden=32 init.recurrent=spectral:radius=1.5 optimizer=sgd lr=0.1 steps=1500"
                        + " eval=512 seed=1"),
                List.of(spec("remedies="), spec("remedies=nonfinite-guard"), spec("remedies=clip-norm:max=1"),
                        spec("remedies=clip-value:value=0.1")), false, false));
        stories.put("reservoir", new Story("Echo state network (Jaeger 2001): a frozen reservoir of 400 units, its "
                + "head fitted in closed form, predicts the Mackey-Glass series one step ahead, then on its own "
                + "predictions for 84 steps; its memory capacity (Jaeger 2002) is at most its size.",
                spec("task=mackey-glass cell=esn hidden=400 cell.radius=0.95 cell.sparsity=0.95 cell.bias_scaling=0.2"
                        + " readout=ridge ridge=1e-8 washout=100 batch=16 steps=20 seed=1"),
                List.of(spec("cell.radius=0.95")), false, true));
        stories.put("truncation", new Story("Truncated backpropagation (Williams & Peng 1990) on the adding problem over "
                + "100 steps: with windows of 20 steps the first marked number is never within the gradient's reach and "
                + "the second only when it falls in the last window (40% of sequences), with windows of 5 in 10%. The "
                + "LSTM still learns to add, since the operation it learns from the numbers it can reach is the same at "
                + "every step, but about ten times less precisely than with the whole sequence.",
                spec("task=adding length=100 hidden=64 cell=lstm steps=2000 lr=0.01 backend=auto eval=512"
                        + " diagnostics=2000 seed=1"),
                List.of(spec("remedies=clip-norm:max=1"), spec("remedies=tbptt:k=20,clip-norm:max=1"),
                        spec("remedies=tbptt:k=5,clip-norm:max=1")), true, false));
        return stories;
    }

    private static Map<String, String> spec(String pairs) {
        Map<String, String> spec = new LinkedHashMap<>();
        for (String pair : pairs.split(" ")) {
            spec.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return spec;
    }

    private final Trainer trainer;
    private final Experiment experiment;
    private final StepReports reports;

    Demo(Trainer trainer, Experiment experiment, StepReports reports) {
        this.trainer = trainer;
        this.experiment = experiment;
        this.reports = reports;
    }

    static Story story(String name) {
        Story story = STORIES.get(name);
        if (story == null) {
            throw new RnnlabException("unknown demo '" + name + "'; accepted: " + String.join(", ", STORIES.keySet()));
        }
        return story;
    }

    String run(String name, PrintStream out) throws InterruptedException {
        Story story = story(name);
        String prefix = "demo-" + name;
        for (int i = 1; i <= story.variants().size(); i++) {
            if (trainer.runs().stream().anyMatch(r -> r.name().startsWith(prefix + "-"))) {
                throw new RnnlabException("runs named " + prefix + "-N exist already; rnn:remove them to run the demo again");
            }
        }
        out.println(story.title());
        out.flush();
        Experiment.Grid grid = Experiment.Grid.of(prefix, story.shared(), story.variants(), List.of("rnn:demo", name));
        StringBuilder result = new StringBuilder(experiment.run(grid, false, out));
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= story.variants().size(); i++) {
            names.add(prefix + "-" + i);
        }
        if (story.flow()) {
            result.append("\n\n").append(flow(names, story.variants()));
        }
        if (story.memory()) {
            for (String run : names) {
                org.rnnlab.api.trainer.FreeRun free = trainer.runFreely(run, 84, 50);
                MemoryCapacity mc = trainer.memoryCapacity(run, 2 * mc(run));
                result.append(String.format(Locale.ROOT, "%n%n%s running on its own predictions: NRMSE %s at 84 steps "
                        + "(50 held-out starts)%nmemory capacity of %s: %.1f of at most %d units", run,
                        Format.number(free.nrmse()), run, mc.total(), mc.units()));
            }
        }
        return result.toString();
    }

    private int mc(String run) {
        return Integer.parseInt(trainer.status(run).spec().get("hidden"));
    }

    /** ‖∂h_T/∂h_k‖ at a few distances back for every run, then the chart of the first and the second. */
    private String flow(List<String> names, List<Map<String, String>> variants) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUN", "RUN'S OWN KEYS", "k=T-1", "3T/4", "T/2", "T/4", "k=0"});
        List<String> charts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<StepReport> report = reports.latestDiagnosed(names.get(i));
            if (report.isEmpty()) {
                continue;
            }
            Diagnostics.UnitFlow unit = report.get().diagnostics().units().get(0);
            double[] j = unit.jacobianNorms();
            int last = j.length - 1;
            rows.add(new String[] {names.get(i), Format.spec(variants.get(i)), Format.number(j[last]),
                    Format.number(j[3 * last / 4]), Format.number(j[last / 2]), Format.number(j[last / 4]),
                    Format.number(j[0])});
            if (i < 2) {
                charts.add(GradientChart.render(String.format(Locale.ROOT, "%s (%s), step %d: ||dh_T/dh_k|| of the first "
                        + "layer", names.get(i), Format.spec(variants.get(i)), report.get().step()), "k", j));
            }
        }
        return "how much of h_k reaches h_T at the end of training (||dh_T/dh_k||, first layer):\n" + Format.table(rows)
                + "\n\n" + String.join("\n\n", charts);
    }
}
