package org.rnnlab.trainer.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.remedy.PauseRequest;
import org.rnnlab.api.remedy.RollbackRequest;
import org.rnnlab.api.trainer.Evaluation;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.RunState;
import org.rnnlab.api.trainer.RunStatus;
import org.rnnlab.api.trainer.StepReport;

/**
 * One training run: its lifecycle around a {@link TrainingState}. One lock guards the state:
 * the training thread holds it for one step at a time, so a change, an evaluation or a
 * checkpoint always sees a run between steps. Every start gets a new generation: a training
 * thread of an earlier start that wakes up late sees it and ends, so a run never trains on two
 * threads. Whatever a step throws ends in a state a person can act on (FAILED, PAUSED), never
 * in RUNNING without a thread.
 */
final class Run {
    private static final System.Logger LOG = System.getLogger(Run.class.getName());

    final String name;
    private final Registry registry;
    private final RunObserver observer;
    private final Executor executor;
    private final AutosaveSchedule autosave;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private final TrainingState training;
    private final StepDiagnostics diagnostics = new StepDiagnostics();
    private final ReportHistory history = new ReportHistory();
    private TrainingStep step;
    private Evaluator evaluator;
    private RunState state = RunState.READY;
    private String message = "";
    private final Set<String> missing = new LinkedHashSet<>();
    private long target;
    private long generation;

    Run(String name, TrainingState training, Registry registry, RunObserver observer, Executor executor, Autosave autosave) {
        this.name = name;
        this.training = training;
        this.registry = registry;
        this.observer = observer;
        this.executor = executor;
        this.autosave = new AutosaveSchedule(name, autosave);
    }

    /** The status of a run just made, with what its creation reported. */
    RunStatus created(String why) {
        lock.lock();
        try {
            message = why;
            autosave.saved(training.step);
            return status();
        } finally {
            lock.unlock();
        }
    }

    RunStatus status() {
        lock.lock();
        try {
            return training.status(name, state, target, message, diagnostics.stepsPerSecond());
        } finally {
            lock.unlock();
        }
    }

    /** The step reports kept so far (see {@link ReportHistory}). */
    List<StepReport> reports() {
        return history.reports();
    }

    RunState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    RunStatus start(long steps) {
        long thisStart;
        lock.lock();
        try {
            if (state == RunState.RUNNING || state == RunState.WAITING || state == RunState.PAUSED) {
                throw new RnnlabException("run '" + name + "' is already " + state.name().toLowerCase()
                        + "; use rnn:pause, rnn:resume or rnn:stop");
            }
            if (!missing.isEmpty()) {
                throw new RnnlabException("run '" + name + "' cannot start: missing " + String.join(", ", missing));
            }
            // Without steps=, a recovered run goes on to the step it was heading for, as if never
            // stopped: its early-stopping count goes on too.
            boolean goesOn = steps == 0 && training.interruptedTarget > training.step;
            target = steps > 0 ? training.step + steps
                    : goesOn ? training.interruptedTarget
                    : training.step + training.spec.steps();
            long more = target - training.step;
            training.interruptedTarget = target;
            message = "";
            thisStart = ++generation;
            diagnostics.restart();
            if (!goesOn) {
                Validator.restart(training);
            }
            transition(RunState.RUNNING, RunEvent.Kind.STARTED, "training " + more + " steps");
        } finally {
            lock.unlock();
        }
        executor.execute(() -> trainLoop(thisStart));
        return status();
    }

    RunStatus pause() {
        lock.lock();
        try {
            if (state != RunState.RUNNING && state != RunState.WAITING) {
                throw notIn("running");
            }
            transition(RunState.PAUSED, RunEvent.Kind.PAUSED, "paused at step " + training.step);
            return status();
        } finally {
            lock.unlock();
        }
    }

    /** Resumes a paused run; a recovered run that was training when saved starts again towards its target. */
    RunStatus resume() {
        lock.lock();
        try {
            if (state == RunState.READY && training.interruptedTarget > training.step) {
                return start(0); // the lock is reentrant: nothing changes the run between the look and the start
            }
            if (state != RunState.PAUSED) {
                throw notIn("paused");
            }
            diagnostics.restart();
            if (missing.isEmpty()) {
                transition(RunState.RUNNING, RunEvent.Kind.RESUMED, "resumed at step " + training.step);
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
            training.interruptedTarget = 0; // stopped on purpose: a later start takes steps afresh
            if (live()) {
                transition(RunState.STOPPED, RunEvent.Kind.STOPPED, "stopped at step " + training.step);
            }
            return status();
        } finally {
            lock.unlock();
        }
    }

    /** Running, paused or waiting: a run whose training thread is alive. */
    private boolean live() {
        return state == RunState.RUNNING || state == RunState.PAUSED || state == RunState.WAITING;
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
            String done = LiveChange.apply(training, changes, registry);
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
        return betweenSteps(t -> evaluator().evaluate(name));
    }

    /** Runs {@code action} between two steps, e.g. writing a checkpoint. */
    <T> T betweenSteps(Function<TrainingState, T> action) {
        lock.lock();
        try {
            return action.apply(training);
        } finally {
            lock.unlock();
        }
    }

    /** A copy of the run's state between two steps; the run trains on while it is written. */
    Snapshot snapshot() {
        lock.lock();
        try {
            return training.snapshot();
        } finally {
            lock.unlock();
        }
    }

    /** Records that a checkpoint of this run at {@code step} was written. */
    void saved(long at) {
        lock.lock();
        try {
            autosave.saved(at);
        } finally {
            lock.unlock();
        }
    }

    /**
     * At shutdown: a live run is paused (its thread ends) and written to its autosave folder,
     * so {@code rnn:recover} continues it; returns the file, or null for a run not live or one
     * that says {@code checkpoint.shutdown=false}.
     */
    Path saveForShutdown() {
        lock.lock();
        try {
            if (!live() || !autosave.available() || !training.spec.autosave().onShutdown()) {
                return null;
            }
            generation++;
            transition(RunState.STOPPED, RunEvent.Kind.STOPPED, "saved at step " + training.step + " as the runtime stopped");
            return autosave.saveNow(training);
        } finally {
            lock.unlock();
        }
    }

    private Evaluator evaluator() {
        if (evaluator == null || evaluator.version != training.version) {
            evaluator = new Evaluator(training);
        }
        return evaluator;
    }

    private TrainingStep step() {
        if (step == null || step.version != training.version) {
            step = new TrainingStep(training, diagnostics);
        }
        return step;
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
                LiveChange.recompose(training, registry);
            } catch (RnnlabException e) {
                missing.add(use);
                message = "still waiting: " + e.getMessage();
                return;
            }
            message = use.replace(':', ' ') + " is back";
            if (state == RunState.WAITING) {
                transition(RunState.RUNNING, RunEvent.Kind.RESUMED, message + "; resumed at step " + training.step);
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

    /**
     * Trains until the target, a stop, or a failure. A pause (by a person, a remedy or a lost
     * service) waits here, so a resume always trains again.
     */
    private void trainLoop(long mine) {
        while (true) {
            StepReport report;
            String stopped;
            lock.lock();
            try {
                while (generation == mine && (state == RunState.PAUSED || state == RunState.WAITING)) {
                    changed.await(1, TimeUnit.SECONDS);
                }
                if (generation != mine || state != RunState.RUNNING) {
                    return;
                }
                if (training.step >= target) {
                    autosave.afterStep(training, this::evaluator, true);
                    transition(RunState.FINISHED, RunEvent.Kind.FINISHED, "finished at step " + training.step);
                    return;
                }
                try {
                    report = step().run(name, target);
                } catch (RollbackRequest e) {
                    rollBack(e);
                    continue;
                } catch (PauseRequest e) {
                    transition(RunState.PAUSED, RunEvent.Kind.PAUSED, e.getMessage() + " (paused at step " + training.step
                            + "; rnn:resume continues, perhaps after rnn:set)");
                    continue;
                }
                Validator.Check check = Validator.afterStep(training, evaluator(), name);
                stopped = check.stop();
                if (check.evaluation() != null) {
                    report = diagnostics.withEvaluation(report, training, name, check.evaluation());
                }
                if (stopped != null) {
                    training.interruptedTarget = 0; // it ended here: nothing to go on to after a recovery
                }
                autosave.afterStep(training, this::evaluator, stopped != null);
                if (stopped != null) {
                    generation++;
                    transition(RunState.FINISHED, RunEvent.Kind.FINISHED, stopped);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted", null);
                return;
            } catch (RnnlabException e) {
                fail(e.getMessage(), e instanceof Blame.ComponentFailure ? e.getCause() : null);
                return;
            } catch (VirtualMachineError e) {
                fail("the JVM ran out of resources (" + Blame.describe(e) + ")", e);
                throw e;
            } catch (Throwable e) {
                fail("the trainer failed: " + Blame.describe(e), e);
                return;
            } finally {
                lock.unlock();
            }
            if (report != null) {
                history.add(report);
                observer.step(report);
            }
            if (stopped != null) {
                return;
            }
        }
    }

    /** Returns to the newest rollback point that evaluates finite; pauses or trains on, as the remedy asked. */
    private void rollBack(RollbackRequest request) {
        String where = training.rollBack(request.learningRateFactor(), evaluator(), name);
        history.truncateAfter(training.step);
        String why = request.getMessage() + "; " + where;
        if (request.pause()) {
            transition(RunState.PAUSED, RunEvent.Kind.PAUSED, why + "; paused at step " + training.step
                    + "; rnn:resume continues, perhaps after rnn:set");
        } else {
            message = why;
            observer.event(new RunEvent(name, RunEvent.Kind.CHANGED, why));
        }
    }

    private void fail(String why, Throwable cause) {
        if (cause != null) {
            LOG.log(System.Logger.Level.ERROR, "run " + name + " failed: " + why, cause);
        }
        lock.lock();
        try {
            generation++;
            training.interruptedTarget = 0; // a later start takes its steps afresh, as for any failed run
            transition(RunState.FAILED, RunEvent.Kind.FAILED, why + " (step " + training.step
                    + "; parameters are those of the last good step)");
        } finally {
            lock.unlock();
        }
    }

    private void transition(RunState next, RunEvent.Kind kind, String why) {
        state = next;
        message = why;
        changed.signalAll();
        try {
            observer.event(new RunEvent(name, kind, why));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a listener failed on " + kind + " of run " + name, e);
        }
    }

    private RnnlabException notIn(String wanted) {
        return new RnnlabException("run '" + name + "' is not " + wanted + " (it is " + state.name().toLowerCase() + ")");
    }
}
