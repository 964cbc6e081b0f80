package org.rnnlab.trainer.internal.model;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.backend.Shares;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;

/**
 * The task's loss on the head's predictions, its gradient, and the metric. Losses are means over
 * the counted (mask &gt; 0) target positions, like PyTorch's default reduction.
 *
 * <p>Cross-entropy may spread its rows over the run's threads: each row's gradient depends on
 * that row only, and its loss term and hit are kept per row ({@link Workspace#rowTerms}) and
 * summed in row order afterwards, so the results are bit for bit those of one thread.
 */
public final class Objective {
    /** Fewer logits than this are scored on the calling thread: the hand-off would cost more than it saves. */
    public static final int SPLIT_LOGITS = 1 << 14;

    /** Loss and metric of one batch; the metric is the MSE itself, or accuracy for cross-entropy. */
    public record Score(double loss, double metric, double weight) {
    }

    private Objective() {
    }

    /**
     * Scores the predictions in {@code ws} for {@code batch} and, if {@code withGradient}, writes
     * dLoss/dPredictions into its prediction gradient; cross-entropy's rows on {@code threads}
     * (null: the calling thread).
     */
    public static Score score(Loss loss, Workspace ws, Batch batch, boolean withGradient, Shares threads) {
        return score(loss, ws.predictions, batch, withGradient ? ws.predictionGradient : null, ws.rowTerms, threads);
    }

    /**
     * Scores {@code predictions} (one row per target position) and, if {@code gradient} is not
     * null, writes dLoss/dPredictions into it (a matrix of its own: cross-entropy keeps each
     * logit's exponential there on the way). Cross-entropy keeps two values per row in
     * {@code rowTerms} (MSE does not use it).
     */
    public static Score score(Loss loss, DMatrixRMaj predictions, Batch batch, DMatrixRMaj gradient,
            double[] rowTerms, Shares threads) {
        return loss == Loss.MSE ? meanSquaredError(predictions, batch, gradient)
                : crossEntropy(predictions, batch, gradient, rowTerms, threads);
    }

    private static Score meanSquaredError(DMatrixRMaj predictions, Batch batch, DMatrixRMaj gradient) {
        double[] mask = batch.mask();
        double[] target = batch.targets().data;
        int outputs = predictions.numCols;
        double counted = counted(mask, predictions.numRows);
        double denominator = Math.max(counted, 1e-300) * outputs;
        double sum = 0;
        for (int row = 0; row < predictions.numRows; row++) {
            for (int j = 0; j < outputs; j++) {
                int i = row * outputs + j;
                double error = predictions.data[i] - target[i];
                sum += mask[row] * error * error;
                if (gradient != null) {
                    gradient.data[i] = 2 * mask[row] * error / denominator;
                }
            }
        }
        double mse = sum / denominator;
        return new Score(mse, mse, counted);
    }

    /** The weight of the first {@code rows} target positions (the batch may be larger than the window). */
    private static double counted(double[] mask, int rows) {
        double counted = 0;
        for (int row = 0; row < rows; row++) {
            counted += mask[row];
        }
        return counted;
    }

    /** Softmax cross-entropy with the log-sum-exp shift for stability. */
    private static Score crossEntropy(DMatrixRMaj logits, Batch batch, DMatrixRMaj gradient, double[] rowTerms,
            Shares threads) {
        int rows = logits.numRows;
        double counted = counted(batch.mask(), rows);
        double denominator = Math.max(counted, 1e-300);
        if (threads == null || rows * logits.numCols < SPLIT_LOGITS) {
            crossEntropyRows(logits, batch, gradient, denominator, rowTerms, 0, rows);
        } else {
            threads.run(share -> crossEntropyRows(logits, batch, gradient, denominator, rowTerms,
                    (int) ((long) rows * share.index() / share.count()),
                    (int) ((long) rows * (share.index() + 1) / share.count())));
        }
        double sum = 0;
        double correct = 0;
        for (int row = 0; row < rows; row++) {
            sum += rowTerms[2 * row];
            correct += rowTerms[2 * row + 1];
        }
        return new Score(sum / denominator, correct / denominator, counted);
    }

    /**
     * Rows {@code [from, to)}: each row's term of the loss's sum and its hit (its weight if its
     * largest logit is its label's) into {@code rowTerms}, and its gradient row if
     * {@code gradient} is not null.
     */
    private static void crossEntropyRows(DMatrixRMaj logits, Batch batch, DMatrixRMaj gradient, double denominator,
            double[] rowTerms, int from, int to) {
        double[] mask = batch.mask();
        int[] labels = batch.labels();
        int classes = logits.numCols;
        for (int row = from; row < to; row++) {
            int base = row * classes;
            double max = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int j = 0; j < classes; j++) {
                if (logits.data[base + j] > max) {
                    max = logits.data[base + j];
                    argmax = j;
                }
            }
            // exp(l_j - max) once per logit: kept in the gradient row, whose softmax it becomes.
            double[] exps = gradient != null ? gradient.data : null;
            double norm = 0;
            for (int j = 0; j < classes; j++) {
                double e = Math.exp(logits.data[base + j] - max);
                norm += e;
                if (exps != null) {
                    exps[base + j] = e;
                }
            }
            double logNorm = max + Math.log(norm);
            rowTerms[2 * row] = mask[row] * (logNorm - logits.data[base + labels[row]]);
            rowTerms[2 * row + 1] = argmax == labels[row] ? mask[row] : 0;
            if (exps != null) {
                for (int j = 0; j < classes; j++) {
                    double p = exps[base + j] / norm;
                    exps[base + j] = mask[row] * (p - (j == labels[row] ? 1 : 0)) / denominator;
                }
            }
        }
    }
}
