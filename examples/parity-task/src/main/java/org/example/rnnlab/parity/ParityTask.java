package org.example.rnnlab.parity;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.task.TaskSession;

/**
 * Parity: a sequence of random bits, and at its last step the class of their sum modulo 2. Every
 * bit flips the answer, so nothing short of the whole sequence helps: the long-time-lag problem
 * at its bluntest (Hochreiter &amp; Schmidhuber 1997 list it; Bengio, Simard &amp; Frasconi 1994
 * show why gradient descent struggles with it). Guessing one class is right half the time.
 */
@Component(property = {
        Components.NAME + "=parity",
        Components.DESCRIPTION + "=parity of a bit sequence, read at the last step; options: length" })
public class ParityTask implements Task {
    @Override
    public TaskSession open(Options options) {
        options.allowOnly("length");
        return new Session(options.integer("length", 10, 1, 100_000));
    }

    private record Session(int length) implements TaskSession {
        @Override
        public int inputSize() {
            return 1;
        }

        @Override
        public int outputSize() {
            return 2;
        }

        @Override
        public Loss loss() {
            return Loss.CROSS_ENTROPY;
        }

        @Override
        public Readout readout() {
            return Readout.LAST;
        }

        @Override
        public double baseline() {
            return 0.5;
        }

        /** Draws only from {@code rng}, so a batch depends on the run's generator alone. */
        @Override
        public void fill(Batch batch, Split split, long index, RandomSource rng) {
            int sequences = batch.batch();
            double[] x = batch.inputs().data;
            for (int b = 0; b < sequences; b++) {
                int parity = 0;
                for (int t = 0; t < length; t++) {
                    int bit = rng.nextBoolean() ? 1 : 0;
                    x[t * sequences + b] = bit;
                    parity ^= bit;
                }
                batch.labels()[b] = parity;
            }
        }
    }
}
