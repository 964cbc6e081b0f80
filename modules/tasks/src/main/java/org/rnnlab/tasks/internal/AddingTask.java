package org.rnnlab.tasks.internal;

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
 * The adding problem (Hochreiter &amp; Schmidhuber 1997) in the form of Le et al. 2015: each step
 * has two channels, a value drawn from U[0, 1] and a marker; exactly two steps are marked, one
 * in the first half of the sequence and one in the second. The target, read at the last step,
 * is the sum of the two marked values. Predicting 1 always gives MSE Var(u1 + u2) = 1/6 ≈ 0.167,
 * the baseline a model must beat by carrying information across the whole sequence.
 */
@Component(property = {
        Components.NAME + "=adding",
        Components.DESCRIPTION + "=adding problem (Le et al. 2015): sum of two marked values; options: length" })
public class AddingTask implements Task {
    static final int MIN_LENGTH = 2;

    @Override
    public TaskSession open(Options options) {
        options.allowOnly("length");
        return new Session(options.integer("length", 50, MIN_LENGTH, 1_000_000));
    }

    private record Session(int length) implements TaskSession {
        @Override
        public int inputSize() {
            return 2;
        }

        @Override
        public int outputSize() {
            return 1;
        }

        @Override
        public Loss loss() {
            return Loss.MSE;
        }

        @Override
        public Readout readout() {
            return Readout.LAST;
        }

        @Override
        public double baseline() {
            return 1.0 / 6.0;
        }

        @Override
        public void fill(Batch batch, Split split, long index, RandomSource rng) {
            int sequences = batch.batch();
            double[] x = batch.inputs().data;
            int half = length / 2;
            for (int b = 0; b < sequences; b++) {
                int first = rng.nextInt(half);
                int second = half + rng.nextInt(length - half);
                double sum = 0;
                for (int t = 0; t < length; t++) {
                    int row = (t * sequences + b) * 2;
                    double value = rng.nextDouble();
                    boolean marked = t == first || t == second;
                    x[row] = value;
                    x[row + 1] = marked ? 1.0 : 0.0;
                    sum += marked ? value : 0.0;
                }
                batch.targets().data[b] = sum;
            }
        }
    }
}
