package org.rnnlab.testkit;

/** Accumulates the worst relative error of the tensors compared for one case. */
final class Comparison {
    private double worst;
    private String worstTensor = "-";
    private int compared;

    /** Compares {@code actual} with {@code expected} element by element (same length required). */
    Comparison check(String tensor, double[] expected, double[] actual, int length) {
        if (expected.length != length) {
            throw new IllegalArgumentException(tensor + ": reference has " + expected.length + " values, computed " + length);
        }
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double error = 0;
        for (int i = 0; i < length; i++) {
            double difference = Math.abs(actual[i] - expected[i]);
            error = Math.max(error, Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference / scale);
        }
        compared++;
        if (compared == 1 || error > worst) {
            worst = error;
            worstTensor = tensor;
        }
        return this;
    }

    Comparison check(String tensor, double[] expected, double[] actual) {
        return check(tensor, expected, actual, actual.length);
    }

    Comparison check(String tensor, double expected, double actual) {
        return check(tensor, new double[] {expected}, new double[] {actual});
    }

    double worst() {
        return worst;
    }

    String worstTensor() {
        return worstTensor;
    }

    int compared() {
        return compared;
    }
}
