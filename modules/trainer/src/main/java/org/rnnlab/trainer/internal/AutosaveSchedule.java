package org.rnnlab.trainer.internal;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.rnnlab.api.trainer.Evaluation;

/**
 * One run's side of autosave: when a checkpoint is due ({@code checkpoint.every} steps,
 * {@code checkpoint.minutes}, the end of training), and whether it is the best so far
 * ({@code checkpoint.best}, by a held-out evaluation, recorded in the run's memory so a resumed
 * run compares against the same best). Called under the run's lock, between two steps.
 */
final class AutosaveSchedule {
    private final String run;
    /** The shared writer; null in a trainer without one. */
    private final Autosave autosave;
    /** The step of the newest checkpoint written of this run, and when (System.nanoTime). */
    private long savedStep = -1;
    private long savedAt = System.nanoTime();

    AutosaveSchedule(String run, Autosave autosave) {
        this.run = run;
        this.autosave = autosave;
    }

    boolean available() {
        return autosave != null;
    }

    void saved(long step) {
        savedStep = Math.max(savedStep, step);
        savedAt = System.nanoTime();
    }

    /** Queues a checkpoint when one is due ({@code last}: the run just finished). */
    void afterStep(TrainingState state, Supplier<Evaluator> evaluator, boolean last) {
        RunSpec.Autosaving policy = state.spec.autosave();
        if (!policy.enabled() || autosave == null || state.step == savedStep) {
            return;
        }
        long now = System.nanoTime();
        boolean due = last || (policy.every() > 0 && state.step % policy.every() == 0)
                || (policy.minutes() > 0 && now - savedAt >= policy.minutes() * 60e9);
        if (!due) {
            return;
        }
        boolean best = !policy.best().isEmpty() && improvesBest(state, evaluator.get(), policy.best());
        autosave.submit(run, state.snapshot(), best, policy.keep());
        savedStep = state.step;
        savedAt = now;
    }

    /** Writes the run to its autosave folder now (the runtime is stopping); returns the file. */
    Path saveNow(TrainingState state) {
        Path file = autosave.writeNow(run, state.snapshot(), state.spec.autosave().keep());
        savedStep = state.step;
        return file;
    }

    /** Evaluates held out and records the value when it beats the best so far. */
    private boolean improvesBest(TrainingState state, Evaluator evaluator, String by) {
        Evaluation e = evaluator.evaluate(run);
        boolean lowerIsBetter = !by.equals("accuracy");
        double value = by.equals("loss") ? e.loss() : e.metric();
        Double best = state.memory.get("best.value");
        boolean better = Double.isFinite(value) && (best == null || (lowerIsBetter ? value < best : value > best));
        if (better) {
            state.memory.put("best.value", value);
            state.memory.put("best.step", (double) state.step);
        }
        return better;
    }
}
