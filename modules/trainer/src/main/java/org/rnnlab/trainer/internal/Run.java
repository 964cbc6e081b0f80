package org.rnnlab.trainer.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.remedy.PauseRequest;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;

/**
 * One training run. It owns all state (principle 1): the spec and the components it composed,
 * the network's parameters and gradients, the optimizer's slots, the remedies' reports, the
 * generators and the counters. Services hold none, so any of them can be swapped between two
 * steps. One lock guards the state: the training thread holds it for one step at a time, so a
 * change, an evaluation or a checkpoint always sees a run between steps.
 */
final class Run {
    final String name;
    private final Registry registry;
    private final RunObserver observer;
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private final TrainingState training;
    private RunState state = RunState.READY;
    private String message = "";
    private final Set<String> missing = new LinkedHashSet<>();
    private long target;

    Run(String name, TrainingState training, Registry registry, RunObserver observer, Executor executor) {
        this.name = name;
        this.training = training;
        this.registry = registry;
        this.observer = observer;
        this.executor = executor;
    }

    /** The status of a run just made, with what its creation reported. */
    RunStatus created(String why) {
        lock.lock();
        try {
            message = why;
            return status();
        } finally {
            lock.unlock();
        }
    }

    RunStatus status() {
        lock.lock();
        try {
            return training.status(name, state, target, message);
        } finally {
            lock.unlock();
        }
    }

    RunStatus start(long steps) {
        lock.lock();
        try {
            if (state == RunState.RUNNING || state == RunState.WAITING || state == RunState.PAUSED) {
                throw new RnnlabException("run '" + name + "' is already " + state.name().toLowerCase()
                        + "; use rnn:pause, rnn:resume or rnn:stop");
            }
            if (!missing.isEmpty()) {
                throw new RnnlabException("run '" + name + "' cannot start: missing " + String.join(", ", missing));
            }
            long more = steps > 0 ? steps : training.spec().steps();
            target = training.step() + more;
            message = "";
            transition(RunState.RUNNING, RunEvent.Kind.STARTED, "training " + more + " steps");
        } finally {
            lock.unlock();
        }
        executor.execute(this::trainLoop);
        return status();
    }

    RunStatus pause() {
        lock.lock();
        try {
            if (state != RunState.RUNNING && state != RunState.WAITING) {
                throw notIn("running");
            }
            transition(RunState.PAUSED, RunEvent.Kind.PAUSED, "paused at step " + training.step());
            return status();
        } finally {
            lock.unlock();
        }
    }

    RunStatus resume() {
        lock.lock();
        try {
            if (state != RunState.PAUSED) {
                throw notIn("paused");
            }
            if (missing.isEmpty()) {
                transition(RunState.RUNNING, RunEvent.Kind.RESUMED, "resumed at step " + training.step());
            } else {
                transition(RunState.WAITING, RunEvent.Kind.WAITING, waitingMessage());
            }
            return status();
        } finally {
            lock.unlock();
        }
    }

    RunStatus stop() {
        lock.lock();
        try {
            if (state == RunState.RUNNING || state == RunState.PAUSED || state == RunState.WAITING) {
                transition(RunState.STOPPED, RunEvent.Kind.STOPPED, "stopped at step " + training.step());
            }
            return status();
        } finally {
            lock.unlock();
        }
    }

    RunStatus await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (state == RunState.RUNNING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
            return status();
        } finally {
            lock.unlock();
        }
    }

    /** Applies {@code changes} between two steps, or changes nothing and says why. */
    RunStatus set(Map<String, String> changes) {
        lock.lock();
        try {
            String done = training.change(changes, registry);
            message = "changed: " + done;
            missing.clear();
            observer.event(new RunEvent(name, RunEvent.Kind.CHANGED, message));
            if (state == RunState.WAITING) {
                transition(RunState.RUNNING, RunEvent.Kind.RESUMED, "resumed with " + done);
            }
            return status();
        } finally {
            lock.unlock();
        }
    }

    Evaluation evaluate() {
        lock.lock();
        try {
            return training.evaluate(name);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} between two steps, e.g. writing a checkpoint. */
    <T> T betweenSteps(java.util.function.Function<TrainingState, T> action) {
        lock.lock();
        try {
            return action.apply(training);
        } finally {
            lock.unlock();
        }
    }

    /** A service this run uses went away: pause training until one with that name returns. */
    void lost(String use) {
        lock.lock();
        try {
            if (!training.uses().contains(use) || !missing.add(use)) {
                return;
            }
            if (state == RunState.RUNNING) {
                transition(RunState.WAITING, RunEvent.Kind.WAITING, waitingMessage());
            } else {
                message = waitingMessage();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A service appeared: if it completes what this run misses, recompose and carry on. */
    void appeared(String use) {
        lock.lock();
        try {
            if (!missing.remove(use) || !missing.isEmpty()) {
                return;
            }
            try {
                training.recompose(registry);
            } catch (RnnlabException e) {
                missing.add(use);
                message = "still waiting: " + e.getMessage();
                return;
            }
            message = use.replace(':', ' ') + " is back";
            if (state == RunState.WAITING) {
                transition(RunState.RUNNING, RunEvent.Kind.RESUMED, message + "; resumed at step " + training.step());
            }
        } finally {
            lock.unlock();
        }
    }

    private String waitingMessage() {
        List<String> names = new ArrayList<>();
        missing.forEach(m -> names.add(m.replace(":", " '") + "'"));
        return "waiting: " + String.join(", ", names) + " disappeared; training resumes when "
                + (names.size() == 1 ? "it returns" : "they return") + " (or rnn:set a replacement)";
    }

    private void trainLoop() {
        try {
            while (true) {
                org.rnnlab.api.trainer.StepReport report;
                lock.lock();
                try {
                    while (state == RunState.PAUSED || state == RunState.WAITING) {
                        changed.await(1, TimeUnit.SECONDS);
                    }
                    if (state != RunState.RUNNING) {
                        return;
                    }
                    if (training.step() >= target) {
                        transition(RunState.FINISHED, RunEvent.Kind.FINISHED, "finished at step " + training.step());
                        return;
                    }
                    report = training.trainStep(name, target);
                } finally {
                    lock.unlock();
                }
                if (report != null) {
                    observer.step(report);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        } catch (PauseRequest e) {
            pauseFor(e.getMessage());
        } catch (RnnlabException e) {
            fail(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            fail("a component failed: " + Composition.describe(e));
        }
    }

    /** A remedy asked to pause: the run keeps its state and resumes on rnn:resume. */
    private void pauseFor(String why) {
        lock.lock();
        try {
            transition(RunState.PAUSED, RunEvent.Kind.PAUSED, why + " (paused at step " + training.step()
                    + "; rnn:resume continues, perhaps after rnn:set)");
        } finally {
            lock.unlock();
        }
    }

    private void fail(String why) {
        lock.lock();
        try {
            transition(RunState.FAILED, RunEvent.Kind.FAILED, why + " (step " + training.step()
                    + "; parameters are those of the last good step)");
        } finally {
            lock.unlock();
        }
    }

    private void transition(RunState next, RunEvent.Kind kind, String why) {
        state = next;
        message = why;
        changed.signalAll();
        observer.event(new RunEvent(name, kind, why));
    }

    private RnnlabException notIn(String wanted) {
        return new RnnlabException("run '" + name + "' is not " + wanted + " (it is " + state.name().toLowerCase() + ")");
    }

    static Map<String, Map<String, Double>> copyReports(Map<String, Map<String, Double>> reports) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        reports.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return Collections.unmodifiableMap(copy);
    }
}
