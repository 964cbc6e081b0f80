package org.rnnlab.trainer.internal;

import java.util.List;

import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.task.Task;

/** The catalogs of every component kind a run is composed of. */
final class Registry {
    final Catalog<CellType> cells = new Catalog<>("cell");
    final Catalog<Initializer> initializers = new Catalog<>("initializer");
    final Catalog<Optimizer> optimizers = new Catalog<>("optimizer");
    final Catalog<GradientRemedy> remedies = new Catalog<>("remedy");
    final Catalog<Task> tasks = new Catalog<>("task");
    final Catalog<MatrixBackend> backends = new Catalog<>("backend");
    /** Threads for runs with threads=N > 1: a run's step splits its large products among them. */
    final java.util.concurrent.ExecutorService compute = java.util.concurrent.Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "rnnlab-compute");
        thread.setDaemon(true);
        return thread;
    });

    List<Catalog<?>> all() {
        return List.of(cells, initializers, optimizers, remedies, tasks, backends);
    }
}
