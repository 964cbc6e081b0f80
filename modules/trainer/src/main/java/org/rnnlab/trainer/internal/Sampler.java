package org.rnnlab.trainer.internal;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.TaskSession;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.trainer.internal.model.Network;
import org.rnnlab.trainer.internal.model.Workspace;

/**
 * Generates symbols from a model of one-hot symbols, a step at a time with the state carried,
 * as Karpathy's min-char-rnn samples: the logits of each step, divided by the temperature, give
 * the softmax distribution the next symbol is drawn from, and that symbol is the next input.
 * It works in its own one-sequence workspace, so the run's buffers and generators are untouched.
 */
final class Sampler {
    static final int MAX_LENGTH = 1_000_000;

    private Sampler() {
    }

    static String sample(Network network, TaskSession task, String taskName, String prime, int length,
            double temperature, long seed) {
        List<String> symbols = task.symbols();
        if (symbols.isEmpty() || symbols.size() != network.inputSize || symbols.size() != network.outputSize) {
            throw new RnnlabException("task " + taskName + " does not predict its next input symbol; sampling needs "
                    + "a task such as text");
        }
        if (network.directions != 1) {
            throw new RnnlabException("a bidirectional model reads ahead in time and cannot generate; sample from a "
                    + "run with bidirectional=false");
        }
        if (length < 1 || length > MAX_LENGTH) {
            throw new RnnlabException("length=" + length + " is not accepted; expected an integer in [1, " + MAX_LENGTH + "]");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new RnnlabException("temperature=" + temperature + " is not accepted; expected a positive number "
                    + "(1 samples the model as it is, lower is more conservative)");
        }
        List<Integer> primed = encode(prime == null ? "" : prime, symbols, taskName);
        Workspace workspace = network.newWorkspace(1, 1, Readout.EVERY);
        DMatrixRMaj[][] state = workspace.newState();
        DMatrixRMaj input = new DMatrixRMaj(1, symbols.size());
        network.parametersMayHaveChanged(); // once: the steps below run between two training steps
        for (int symbol : primed.isEmpty() ? List.of(0) : primed) {
            step(network, workspace, state, input, symbol);
        }
        RandomSource rng = Xoshiro256.stream(seed, "sample");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (Thread.interrupted()) { // Ctrl-C in the console (rnn:sample): stop, and say so in words
                throw new RnnlabException("interrupted: sampling stopped after " + i + " of " + length + " characters");
            }
            int next = draw(workspace.predictions.data, temperature, rng);
            text.append(symbols.get(next));
            step(network, workspace, state, input, next);
        }
        return text.toString();
    }

    private static void step(Network network, Workspace workspace, DMatrixRMaj[][] state, DMatrixRMaj input, int symbol) {
        input.zero();
        input.data[symbol] = 1.0;
        workspace.startFrom(state);
        network.forwardWithSameParameters(workspace, input, Readout.EVERY);
        workspace.saveFinalState(state);
    }

    /** Index drawn from softmax(logits / temperature), computed stably (largest logit subtracted). */
    static int draw(double[] logits, double temperature, RandomSource rng) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double[] weights = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            weights[i] = Math.exp((logits[i] - max) / temperature);
            total += weights[i];
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1; // u at the top of the range after rounding
    }

    /** The prime as symbol indices, matching the longest symbol at each position. */
    static List<Integer> encode(String prime, List<String> symbols, String taskName) {
        List<Integer> codes = new ArrayList<>();
        int at = 0;
        while (at < prime.length()) {
            int best = -1;
            for (int s = 0; s < symbols.size(); s++) {
                String symbol = symbols.get(s);
                if (!symbol.isEmpty() && prime.startsWith(symbol, at) && (best < 0 || symbol.length() > symbols.get(best).length())) {
                    best = s;
                }
            }
            if (best < 0) {
                throw new RnnlabException("prime: '" + prime.charAt(at) + "' (position " + at + ") is not a symbol of task "
                        + taskName + ", which has " + symbols.size());
            }
            codes.add(best);
            at += symbols.get(best).length();
        }
        return codes;
    }
}
