package org.rnnlab.shell.grid;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;
import org.rnnlab.api.trainer.RunState;

/**
 * Trains the runs of an experiment somewhere else and brings each one's final state back into
 * the local {@code Trainer}, where the shell evaluates and tabulates it as if it had trained there.
 */
@ProviderType
public interface GridTraining {
    /**
     * How a run ended where it trained.
     *
     * @param state   its state there: FINISHED, or FAILED or PAUSED (e.g. by a remedy), as a local run would end
     * @param seconds the seconds it trained, over every place it trained
     * @param records its step reports whose training metric was lower, or higher, than at every
     *                report before, oldest first, over every place it trained (since 1.2; empty
     *                where unknown): the first report to reach a target, in either direction, is
     *                one of them, so the shell finds its steps to target even when this runtime
     *                was not listening as the run reached it
     */
    record Outcome(RunState state, double seconds, List<Report> records) {
        public Outcome {
            records = List.copyOf(records);
        }
    }

    /**
     * A step report's training metric.
     *
     * @since 1.2
     */
    record Report(long step, double metric) {
    }

    /**
     * Trains each run to the end of its spec's {@code steps} and then loads its final state into
     * the local Trainer under its name, replacing the untrained run the shell created to check it.
     * Returns once every run has ended. When interrupted, the work goes on where it is and
     * {@code resume} collects it later.
     *
     * @param experiment the experiment's name; its runs are named after it
     * @param definition the experiment's words as given, kept so that another runtime can resume it
     * @param runs       run name to spec, in the grid's order
     * @param resume     true: keep and continue what was already done for these runs; false: start afresh
     * @param progress   one line for people as a run starts, moves or ends
     * @return how each run ended, by name
     */
    Map<String, Outcome> train(String experiment, List<String> definition, Map<String, Map<String, String>> runs,
            boolean resume, Consumer<String> progress) throws InterruptedException;

    /** The definition of an experiment this service knows (one that trains or was interrupted), if any. */
    Optional<List<String>> definition(String experiment);

    /**
     * Where a run of this runtime trains meanwhile, if elsewhere, with its latest report there.
     *
     * @param member where it trains, as people name it (e.g. {@code 127.0.0.1:5802})
     * @since 1.1
     */
    record Elsewhere(String member, long step, double loss, double metric, double stepsPerSecond) {
    }

    /**
     * The latest news of a run that trains elsewhere, for {@code rnn:status} and {@code rnn:runs};
     * empty when it trains here or nothing is known.
     *
     * @since 1.1
     */
    default Optional<Elsewhere> elsewhere(String run) {
        return Optional.empty();
    }
}
