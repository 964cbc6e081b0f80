package org.rnnlab.trainer.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.rnnlab.api.Components;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.TrainingListener;
import org.rnnlab.testkit.DeclarativeComponents;

/**
 * Every component on the test class path, found by its DS descriptor and bound to a trainer as
 * SCR would bind it: the trainer's tests compose the real components outside a framework.
 */
final class Slice {
    private static final AtomicLong SERVICE_IDS = new AtomicLong(1);
    private static final DeclarativeComponents COMPONENTS = DeclarativeComponents.onClassPath();

    private Slice() {
    }

    static Map<String, Object> named(String name) {
        return Map.of(Components.NAME, name, "service.id", SERVICE_IDS.getAndIncrement());
    }

    static TrainerService trainer() {
        return bindAll(new TrainerService());
    }

    /** Binds every component on the class path to {@code trainer}, as SCR would; returns it. */
    static TrainerService bindAll(TrainerService trainer) {
        bindAll(CellType.class, (service, props) -> trainer.addCell(service, null, props));
        bindAll(Initializer.class, (service, props) -> trainer.addInitializer(service, null, props));
        bindAll(Optimizer.class, (service, props) -> trainer.addOptimizer(service, null, props));
        bindAll(GradientRemedy.class, (service, props) -> trainer.addRemedy(service, null, props));
        bindAll(Task.class, (service, props) -> trainer.addTask(service, null, props));
        bindAll(MatrixBackend.class, (service, props) -> trainer.addBackend(service, null, props));
        return trainer;
    }

    private static <T> void bindAll(Class<T> type, BiConsumer<T, Map<String, Object>> bind) {
        for (String name : COMPONENTS.names(type)) {
            bind.accept(COMPONENTS.find(type, name).orElseThrow(), named(name));
        }
    }

    /** {@code defaults}, then each {@code key=value} of {@code pairs} over them, in order. */
    static Map<String, String> spec(Map<String, String> defaults, String... pairs) {
        Map<String, String> spec = new java.util.LinkedHashMap<>(defaults);
        for (String pair : pairs) {
            spec.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return spec;
    }

    /** Trains {@code steps} more steps and requires the run to finish them (within a minute). */
    static org.rnnlab.api.trainer.RunStatus train(TrainerService trainer, String run, long steps) throws InterruptedException {
        trainer.start(run, steps);
        org.rnnlab.api.trainer.RunStatus status = trainer.await(run, java.time.Duration.ofMinutes(2));
        org.junit.jupiter.api.Assertions.assertEquals(org.rnnlab.api.trainer.RunState.FINISHED, status.state(),
                status.message());
        return status;
    }

    /** Every step report of a run, as the trainer delivers them. */
    static List<StepReport> reports(TrainerService trainer, String run) {
        List<StepReport> reports = new CopyOnWriteArrayList<>();
        trainer.addListener(new TrainingListener() {
            @Override
            public void step(StepReport report) {
                reports.add(report);
            }
        }, Map.of(TrainingListener.RUN, run));
        return reports;
    }

    /** The loss of every reported step of a run, as the trainer reports them (a live view). */
    static List<Double> losses(TrainerService trainer, String run) {
        List<StepReport> reports = reports(trainer, run);
        return new java.util.AbstractList<>() {
            @Override
            public Double get(int index) {
                return reports.get(index).loss();
            }

            @Override
            public int size() {
                return reports.size();
            }
        };
    }
}
