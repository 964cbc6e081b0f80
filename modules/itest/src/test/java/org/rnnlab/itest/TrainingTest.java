package org.rnnlab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.api.trainer.TrainingListener;

/** A seeded run through the Trainer service learns the adding problem, followed by a whiteboard listener. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class TrainingTest {
    private static final String RUN = "slice";
    private static final long STEPS = 2000;

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    Trainer trainer;

    @AfterEach
    void removeRun() {
        if (trainer.runs().stream().anyMatch(run -> run.name().equals(RUN))) {
            trainer.remove(RUN);
        }
    }

    @Test
    void seededRunLearnsTheAddingProblemAndReportsItsSteps() throws InterruptedException {
        List<StepReport> reports = new CopyOnWriteArrayList<>();
        List<RunEvent.Kind> events = new CopyOnWriteArrayList<>();
        ServiceRegistration<TrainingListener> listener = context.registerService(TrainingListener.class,
                new TrainingListener() {
                    @Override
                    public void step(StepReport report) {
                        reports.add(report);
                    }

                    @Override
                    public void event(RunEvent event) {
                        events.add(event.kind());
                    }
                }, onlyRun(RUN));
        try {
            trainer.create(RUN, Map.of("task", "adding", "length", "20", "cell", "rnn-tanh", "hidden", "32",
                    "optimizer", "adam", "lr", "0.003", "remedies", "clip-norm:max=1", "steps", String.valueOf(STEPS),
                    "seed", "1"));
            trainer.start(RUN, 0);
            // About 6 s of training; the bound only guards against a hang on a loaded machine.
            RunStatus finished = trainer.await(RUN, Duration.ofMinutes(5));

            assertEquals(RunState.FINISHED, finished.state(), finished.message());
            assertEquals(STEPS, finished.step());

            Evaluation evaluation = trainer.evaluate(RUN);
            assertEquals("mse", evaluation.metricName());
            assertEquals(1.0 / 6.0, evaluation.baseline(), 1e-3);
            assertTrue(evaluation.metric() < 0.1, "mse " + evaluation.metric() + " not below 0.1");
            assertTrue(evaluation.metric() < evaluation.baseline(),
                    "mse " + evaluation.metric() + " not below the baseline " + evaluation.baseline());
        } finally {
            listener.unregister();
        }

        assertTrue(reports.size() >= 2, "step reports: " + reports.size());
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).step() > reports.get(i - 1).step(),
                    "report " + i + " at step " + reports.get(i).step() + " after step " + reports.get(i - 1).step());
        }
        assertTrue(reports.stream().allMatch(report -> report.run().equals(RUN)), "a report of another run arrived");
        assertEquals(STEPS, reports.get(reports.size() - 1).step(), "the last step is reported");
        assertTrue(events.contains(RunEvent.Kind.STARTED) && events.contains(RunEvent.Kind.FINISHED),
                "events: " + events);
    }

    /** A classification task read at the last step: an LSTM learns the temporal order problem. */
    @Test
    void anLstmLearnsTheTemporalOrderProblem() throws InterruptedException {
        trainer.create(RUN, Map.of("task", "temporal-order", "length", "20", "cell", "lstm", "hidden", "16",
                "optimizer", "adam", "lr", "0.02", "steps", "400", "seed", "1", "eval", "256"));
        trainer.start(RUN, 0);
        assertEquals(RunState.FINISHED, trainer.await(RUN, Duration.ofMinutes(5)).state());

        Evaluation evaluation = trainer.evaluate(RUN);
        assertEquals("accuracy", evaluation.metricName());
        assertEquals(0.25, evaluation.baseline());
        assertTrue(evaluation.metric() > 0.95, "accuracy " + evaluation.metric());
    }

    private static Dictionary<String, Object> onlyRun(String run) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(TrainingListener.RUN, run);
        return properties;
    }
}
