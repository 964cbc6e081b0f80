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
 * The temporal order problem (Hochreiter &amp; Schmidhuber 1997, experiments 6a and 6b). A
 * sequence of distractors a, b, c, d, opened by B and closed by E, holds two (or three) relevant
 * symbols, each X or Y, at random steps inside fixed windows; the class, read at the last step,
 * is their order: XX, XY, YX, YY (eight classes for three). The windows are those of the paper's
 * 100-step sequences scaled to {@code length}: [10 %, 20 %) and [50 %, 60 %) for two symbols;
 * [10 %, 20 %), [33 %, 43 %) and [66 %, 76 %) for three. The paper's lengths vary by up to 10 %
 * per sequence; here every sequence has {@code length} steps, since a batch has one length.
 * Guessing scores accuracy 1/4 (1/8 for three).
 */
@Component(property = {
        Components.NAME + "=temporal-order",
        Components.DESCRIPTION + "=temporal order (Hochreiter & Schmidhuber 1997): class of the order of 2 or 3 "
                + "X/Y symbols among distractors; options: length, relevant" })
public class TemporalOrderTask implements Task {
    /** One-hot input symbols: the distractors, the two relevant symbols, the frame. */
    static final int DISTRACTORS = 4;
    static final int X = 4;
    static final int Y = 5;
    static final int BEGIN = 6;
    static final int END = 7;
    static final int SYMBOLS = 8;
    static final int MIN_LENGTH = 20;
    /** Where the relevant symbols may fall, as fractions of the length, per count of symbols. */
    private static final double[][] WINDOWS_OF_TWO = {{0.10, 0.20}, {0.50, 0.60}};
    private static final double[][] WINDOWS_OF_THREE = {{0.10, 0.20}, {0.33, 0.43}, {0.66, 0.76}};

    @Override
    public TaskSession open(Options options) {
        options.allowOnly("length", "relevant");
        int length = options.integer("length", 100, MIN_LENGTH, 1_000_000);
        int relevant = options.integer("relevant", 2, 2, 3);
        return new Session(length, relevant == 2 ? WINDOWS_OF_TWO : WINDOWS_OF_THREE);
    }

    private record Session(int length, double[][] windows) implements TaskSession {
        @Override
        public int inputSize() {
            return SYMBOLS;
        }

        @Override
        public int outputSize() {
            return 1 << windows.length;
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
            return 1.0 / outputSize();
        }

        @Override
        public void fill(Batch batch, Split split, long index, RandomSource rng) {
            int sequences = batch.batch();
            double[] x = batch.inputs().data;
            Arrays.fill(x, 0, length * sequences * SYMBOLS, 0.0);
            for (int b = 0; b < sequences; b++) {
                set(x, sequences, 0, b, BEGIN);
                set(x, sequences, length - 1, b, END);
                for (int t = 1; t < length - 1; t++) {
                    set(x, sequences, t, b, rng.nextInt(DISTRACTORS));
                }
                int label = 0;
                for (double[] window : windows) {
                    int from = (int) (window[0] * length);
                    int to = (int) (window[1] * length);
                    int step = from + rng.nextInt(to - from);
                    int symbol = rng.nextInt(2);
                    Arrays.fill(x, (step * sequences + b) * SYMBOLS, (step * sequences + b + 1) * SYMBOLS, 0.0);
                    set(x, sequences, step, b, symbol == 0 ? X : Y);
                    label = 2 * label + symbol; // the first symbol is the most significant: XY = 1, YX = 2
                }
                batch.labels()[b] = label;
            }
        }

        private static void set(double[] x, int sequences, int t, int b, int symbol) {
            x[(t * sequences + b) * SYMBOLS + symbol] = 1.0;
        }
    }
}
