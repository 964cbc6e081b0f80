package org.rnnlab.tasks.internal;

import java.util.Arrays;

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
 * The copy memory problem as Arjovsky, Shah &amp; Bengio (2016) set it: ten symbols drawn from
 * eight categories, then {@code delay} − 1 blanks, a delimiter, and ten more blanks; the target is
 * blank for the first {@code delay} + 10 steps and then the ten symbols, in order. Inputs are
 * one-hot over blank, the eight symbols and the delimiter; outputs are blank and the eight
 * symbols. Every step counts. A network without memory can only answer blank and then guess:
 * cross-entropy 10 ln 8 / (delay + 20), accuracy (delay + 10 + 10/8) / (delay + 20), the
 * baseline reported here.
 */
@Component(property = {
        Components.NAME + "=copy-memory",
        Components.DESCRIPTION + "=copy memory (Arjovsky et al. 2016): repeat 10 symbols after a delay; "
                + "options: delay" })
public class CopyMemoryTask implements Task {
    static final int COPIED = 10;
    static final int CATEGORIES = 8;
    static final int BLANK = 0;
    static final int DELIMITER = CATEGORIES + 1;
    static final int INPUTS = CATEGORIES + 2;
    static final int OUTPUTS = CATEGORIES + 1;

    @Override
    public TaskSession open(Options options) {
        options.allowOnly("delay");
        return new Session(options.integer("delay", 100, 1, 1_000_000));
    }

    private record Session(int delay) implements TaskSession {
        @Override
        public int length() {
            return delay + 2 * COPIED;
        }

        @Override
        public int inputSize() {
            return INPUTS;
        }

        @Override
        public int outputSize() {
            return OUTPUTS;
        }

        @Override
        public Loss loss() {
            return Loss.CROSS_ENTROPY;
        }

        @Override
        public Readout readout() {
            return Readout.EVERY;
        }

        @Override
        public double baseline() {
            return (delay + COPIED + (double) COPIED / CATEGORIES) / length();
        }

        @Override
        public void fill(Batch batch, Split split, long index, RandomSource rng) {
            int sequences = batch.batch();
            int length = length();
            double[] x = batch.inputs().data;
            int[] labels = batch.labels();
            Arrays.fill(x, 0, length * sequences * INPUTS, 0.0);
            for (int b = 0; b < sequences; b++) {
                for (int t = 0; t < length; t++) {
                    int row = t * sequences + b;
                    int input = t == delay + COPIED - 1 ? DELIMITER : BLANK;
                    if (t < COPIED) {
                        input = 1 + rng.nextInt(CATEGORIES);
                        labels[(t + delay + COPIED) * sequences + b] = input;
                    }
                    x[row * INPUTS + input] = 1.0;
                    if (t < delay + COPIED) {
                        labels[row] = BLANK;
                    }
                }
            }
        }
    }
}
