package org.rnnlab.api.trainer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The programmatic entry point: compose, train and inspect runs. Any OSGi application can embed
 * the rnnlab bundles and drive training through this service; the {@code rnn} shell commands are
 * a thin layer over it.
 *
 * <p>A run spec is a key=value map with the vocabulary of the shell ({@code task=adding
 * length=20 cell=lstm hidden=64 optimizer=adam lr=0.001 remedies=clip-norm:max=1 seed=1}); the
 * README lists every key. Components are found by their {@code rnnlab.name} when the run is
 * created and whenever one is swapped.
 *
 * <p>Every method reports bad input with a one-line {@link org.rnnlab.api.RnnlabException} and
 * then has changed nothing.
 */
@ProviderType
public interface Trainer {
    /**
     * Creates a run (parameters initialized from the seed) without starting it. A component the
     * spec names that is not registered fails it with one line naming every missing component;
     * {@link #awaitComponents} waits for them.
     */
    RunStatus create(String name, Map<String, String> spec);

    /**
     * Waits until every component a run spec names is registered — task, cell, optimizer,
     * backend, remedies and initializers, the defaults of keys the spec leaves out included — or
     * the timeout passes. The Trainer service appears as soon as its own bundle starts, before
     * the bundles of the components have registered theirs: an application that embeds rnnlab
     * calls this before {@link #create}.
     *
     * @return the components still missing, each as {@code kind 'name'} (e.g. {@code task
     *         'adding'}); empty when all are present
     * @since 1.5
     */
    List<String> awaitComponents(Map<String, String> spec, Duration timeout) throws InterruptedException;

    /**
     * Trains in the background for {@code steps} more updates (0: the spec's {@code steps}).
     * Returns at once.
     */
    RunStatus start(String name, long steps);

    RunStatus pause(String name);

    RunStatus resume(String name);

    /** Stops training; the run keeps its state and can be evaluated, saved or started again. */
    RunStatus stop(String name);

    /** Forgets a run (stopping it first). */
    void remove(String name);

    /**
     * Changes a live run, taking effect at the next step: a hyperparameter ({@code lr=0.01}),
     * a component ({@code optimizer=rmsprop}, {@code backend=native}), {@code remedies=...}.
     * Parameters and the optimizer slots that carry over are kept.
     */
    RunStatus set(String name, Map<String, String> changes);

    RunStatus status(String name);

    List<RunStatus> runs();

    /** Waits until the run is no longer RUNNING (or the timeout passes) and returns its status. */
    RunStatus await(String name, Duration timeout) throws InterruptedException;

    /** Evaluates on the run's fixed held-out batches; safe while the run trains. */
    Evaluation evaluate(String name);

    /**
     * Generates {@code length} symbols from a run's model, as min-char-rnn samples: the model
     * reads {@code prime} (empty: the task's first symbol), then each drawn symbol in turn, drawing
     * the next from softmax(logits / temperature) with a generator seeded by {@code seed}.
     * Only for tasks with {@link org.rnnlab.api.task.TaskSession#symbols() symbols} and
     * one-directional models; safe while the run trains; changes nothing in the run.
     *
     * @return the generated symbols, joined (without the prime)
     * @since 1.1
     */
    String sample(String name, String prime, int length, double temperature, long seed);

    /**
     * Writes a checkpoint (spec, parameters, optimizer slots, generator states, counters, with a
     * checksum), atomically: a crash never leaves a half-written file. Default file:
     * {@code runs/NAME.ckpt} under the runtime's home; a relative path is relative to the home.
     * Replaces only a missing file or an earlier checkpoint, never another file or a device.
     */
    Path save(String name, Path file);

    /**
     * Writes a checkpoint of the run now where its autosaves go ({@code runs/NAME/} under the
     * home), as {@code checkpoint.every} would: {@link #recoverable} lists the run and
     * {@link #recover} loads it, after a restart too. For a run whose state came from elsewhere
     * (a run trained on a cluster member and loaded here). Returns the file written.
     *
     * @since 1.6
     */
    Path autosave(String name);

    /**
     * Loads a checkpoint as a READY run that continues exactly as if it had never stopped.
     * A relative path is relative to the runtime's home, as for {@link #save}. A checkpoint
     * holding a non-finite value is refused.
     */
    RunStatus load(Path file, String name);

    /**
     * Runs a one-step predictor freely ({@link FreeRun}): for a series task whose output is its
     * next input (Mackey-Glass with horizon 1), teacher-forced over the first steps of held-out
     * sequences, then fed its own outputs for {@code horizon} steps; safe while the run trains,
     * and changes nothing.
     *
     * @since 1.3
     */
    FreeRun runFreely(String name, int horizon, int starts);

    /**
     * The short-term memory capacity of a run's recurrent model ({@link MemoryCapacity}) for
     * delays 1..{@code delays}, measured on a copy of its state: the run does not change.
     *
     * @since 1.3
     */
    MemoryCapacity memoryCapacity(String name, int delays);

    /**
     * The held-out evaluations a run made every {@code eval.every} steps, oldest first (kept in
     * its checkpoints).
     *
     * @since 1.3
     */
    List<Evaluation> history(String name);

    /**
     * The step reports of a run so far, oldest first, for charts and exports: evenly thinned
     * once a run has made thousands (reports with an evaluation or flow diagnostics are always
     * kept), held in memory for the runtime's lifetime and not part of a checkpoint.
     *
     * @since 1.4
     */
    List<StepReport> reports(String name);

    /**
     * The runs whose autosaved checkpoints are under the home's {@code runs/} folder
     * ({@code checkpoint.every} or {@code checkpoint.minutes}, or saved as the runtime stopped)
     * and that are not loaded now, by name.
     *
     * @since 1.2
     */
    List<String> recoverable();

    /**
     * Loads the newest readable autosaved checkpoint of the named run, or of every
     * {@link #recoverable()} run when {@code name} is null, each as a READY run of its name.
     *
     * @since 1.2
     */
    List<RunStatus> recover(String name);
}
