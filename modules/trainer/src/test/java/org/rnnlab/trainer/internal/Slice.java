package org.rnnlab.trainer.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.rnnlab.api.Components;
import org.rnnlab.cell.rnn.internal.RnnReluCellType;
import org.rnnlab.cell.rnn.internal.RnnTanhCellType;
import org.rnnlab.core.internal.JavaBackendComponent;
import org.rnnlab.init.internal.OrthogonalInitializer;
import org.rnnlab.init.internal.XavierUniformInitializer;
import org.rnnlab.init.internal.ZeroInitializer;
import org.rnnlab.optim.internal.AdamOptimizer;
import org.rnnlab.optim.internal.SgdOptimizer;
import org.rnnlab.remedy.internal.ClipNormRemedy;
import org.rnnlab.tasks.internal.AddingTask;

/** The real components of the first slice, bound to a trainer as DS would bind them. */
final class Slice {
    private static final AtomicLong SERVICE_IDS = new AtomicLong(1);

    private Slice() {
    }

    static Map<String, Object> named(String name) {
        return Map.of(Components.NAME, name, "service.id", SERVICE_IDS.getAndIncrement());
    }

    static TrainerService trainer() {
        TrainerService trainer = new TrainerService();
        trainer.addCell(new RnnTanhCellType(), named("rnn-tanh"));
        trainer.addCell(new RnnReluCellType(), named("rnn-relu"));
        trainer.addInitializer(new XavierUniformInitializer(), named("xavier-uniform"));
        trainer.addInitializer(new OrthogonalInitializer(), named("orthogonal"));
        trainer.addInitializer(new ZeroInitializer(), named("zero"));
        trainer.addOptimizer(new SgdOptimizer(), named("sgd"));
        trainer.addOptimizer(new AdamOptimizer(), named("adam"));
        trainer.addRemedy(new ClipNormRemedy(), named("clip-norm"));
        trainer.addTask(new AddingTask(), named("adding"));
        trainer.addBackend(new JavaBackendComponent(), named("java"));
        return trainer;
    }
}
