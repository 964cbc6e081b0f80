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
 * Prediction of the Mackey–Glass series ({@link MackeyGlass}), the benchmark of Jaeger 2001 and
 * Jaeger &amp; Haas 2004: at every step the input is s_t and the target s_{t+horizon}, where s is
 * the series squashed as Jaeger did, s = tanh(x − 1) (centred near 0, in (−0.6, 0.4)), or the raw
 * x with {@code transform=raw}. A session generates one series once, of
 * max(10000, 5 · (length + horizon)) samples; a batch holds windows from uniformly random
 * offsets, TRAIN from the first 80% and EVAL from the rest, each window with its targets entirely
 * inside its part. The baseline is the variance of the series: the MSE of predicting its mean.
 * Options: tau (17), length (200), horizon (1), transform (tanh or raw).
 */
@Component(property = {
        Components.NAME + "=mackey-glass",
        Components.DESCRIPTION + "=Mackey-Glass series prediction (Jaeger 2001): target s(t+horizon) at every step;"
                + " options: tau, length, horizon, transform" })
public class MackeyGlassTask implements Task {
    static final int MIN_SAMPLES = 10_000;
    static final double TRAIN_FRACTION = 0.8;

    @Override
    public TaskSession open(Options options) {
        options.allowOnly("tau", "length", "horizon", "transform");
        int tau = options.integer("tau", 17, 1, 1000);
        int length = options.integer("length", 200, 1, 100_000);
        int horizon = options.integer("horizon", 1, 1, 10_000);
        boolean squash = options.choice("transform", "tanh", "raw").equals("tanh");
        int span = length + horizon;
        double[] series = MackeyGlass.series(tau, Math.max(MIN_SAMPLES, 5 * span));
        if (squash) {
            for (int i = 0; i < series.length; i++) {
                series[i] = Math.tanh(series[i] - 1);
            }
        }
        return new Session(series, length, horizon, (int) (TRAIN_FRACTION * series.length), variance(series));
    }

    static double variance(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }

    /** @param trainEnd the first sample of the EVAL part */
    private record Session(double[] series, int length, int horizon, int trainEnd, double baseline)
            implements TaskSession {
        /** The target at t, s(t + horizon), is the input at t + horizon. */
        @Override
        public boolean readsAhead() {
            return true;
        }

        @Override
        public int inputSize() {
            return 1;
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
            return Readout.EVERY;
        }

        @Override
        public void fill(Batch batch, Split split, long index, RandomSource rng) {
            int sequences = batch.batch();
            int span = length + horizon;
            int from = split == Split.TRAIN ? 0 : trainEnd;
            int to = split == Split.TRAIN ? trainEnd : series.length;
            double[] inputs = batch.inputs().data;
            double[] targets = batch.targets().data;
            for (int b = 0; b < sequences; b++) {
                int start = from + rng.nextInt(to - from - span + 1);
                for (int t = 0; t < length; t++) {
                    inputs[t * sequences + b] = series[start + t];
                    targets[t * sequences + b] = series[start + t + horizon];
                }
            }
        }
    }
}
