package org.rnnlab.trainer.internal.model;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;

/**
 * The task's loss on the head's predictions, its gradient, and the metric. Losses are means over
 * the counted (mask &gt; 0) target positions, like PyTorch's default reduction.
 */
public final class Objective {
    /** Loss and metric of one batch; the metric is the MSE itself, or accuracy for cross-entropy. */
    public record Score(double loss, double metric, double weight) {
    }

    private Objective() {
    }

    /**
     * Scores {@code predictions} (one row per target position) and, if {@code gradient} is not
     * null, writes dLoss/dPredictions into it.
     */
    public static Score score(Loss loss, DMatrixRMaj predictions, Batch batch, DMatrixRMaj gradient) {
        return loss == Loss.MSE ? meanSquaredError(predictions, batch, gradient)
                : crossEntropy(predictions, batch, gradient);
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
    private static Score crossEntropy(DMatrixRMaj logits, Batch batch, DMatrixRMaj gradient) {
        double[] mask = batch.mask();
        int[] labels = batch.labels();
        int classes = logits.numCols;
        double counted = counted(mask, logits.numRows);
        double denominator = Math.max(counted, 1e-300);
        double sum = 0;
        double correct = 0;
        for (int row = 0; row < logits.numRows; row++) {
            int base = row * classes;
            double max = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int j = 0; j < classes; j++) {
                if (logits.data[base + j] > max) {
                    max = logits.data[base + j];
                    argmax = j;
                }
            }
            double norm = 0;
            for (int j = 0; j < classes; j++) {
                norm += Math.exp(logits.data[base + j] - max);
            }
            double logNorm = max + Math.log(norm);
            sum += mask[row] * (logNorm - logits.data[base + labels[row]]);
            correct += argmax == labels[row] ? mask[row] : 0;
            if (gradient != null) {
                for (int j = 0; j < classes; j++) {
                    double p = Math.exp(logits.data[base + j] - logNorm);
                    gradient.data[base + j] = mask[row] * (p - (j == labels[row] ? 1 : 0)) / denominator;
                }
            }
        }
        return new Score(sum / denominator, correct / denominator, counted);
    }
}
