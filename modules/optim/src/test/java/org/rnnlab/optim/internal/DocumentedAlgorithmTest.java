package org.rnnlab.optim.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.optim.UpdateRule;
import org.rnnlab.reference.ReferenceCase;
import org.rnnlab.reference.ReferenceSet;

/**
 * AdaMax and NAdam have no PyTorch trajectories in the reference set. They are checked against
 * the algorithms as torch.optim's documentation writes them, evaluated here element by element
 * in that form (NAdam's products of mu recomputed from scratch at every step), on the reference
 * set's p0 and gradients.
 */
class DocumentedAlgorithmTest {
    private static final double RELATIVE_TOLERANCE = 1e-12;

    @ParameterizedTest(name = "adamax {0} {1} {2} {3} {4}")
    @CsvSource({ "0.002, 0.9, 0.999, 1e-8, 0", "0.05, 0.5, 0.9, 1e-3, 0.1" })
    void adamaxFollowsKingmaAndBaAlgorithm2(double lr, double beta1, double beta2, double eps, double weightDecay) {
        UpdateRule rule = Optimizers.configure("adamax", "lr=" + lr + " betas=" + beta1 + "," + beta2 + " eps=" + eps
                + " weight_decay=" + weightDecay);
        ReferenceCase reference = ReferenceSet.standard().cases("optimizer").get(0);
        DMatrixRMaj param = ReferenceCase.matrix(reference.at("p0"));
        DMatrixRMaj[] slots = Optimizers.freshSlots(rule, param);
        double[] theta = param.data.clone();
        double[] m = new double[theta.length];
        double[] u = new double[theta.length];
        for (int t = 1; t <= reference.at("steps").asInt(); t++) {
            DMatrixRMaj grad = ReferenceCase.matrix(reference.at("grads").get(t - 1));
            rule.apply(param, grad, slots, rule.learningRate(t - 1));
            for (int i = 0; i < theta.length; i++) {
                double g = grad.data[i] + weightDecay * theta[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                u[i] = Math.max(beta2 * u[i], Math.abs(g) + eps);
                theta[i] = theta[i] - lr * m[i] / ((1 - Math.pow(beta1, t)) * u[i]);
            }
            assertClose(theta, param.data, "step " + t);
        }
    }

    @ParameterizedTest(name = "nadam {0} {1} {2} {3} {4} {5}")
    @CsvSource({ "0.002, 0.9, 0.999, 1e-8, 0, 0.004", "0.05, 0.8, 0.99, 1e-3, 0.1, 0.04", "0.01, 0.9, 0.999, 1e-8, 0, 0" })
    void nadamFollowsDozatsAlgorithm(double lr, double beta1, double beta2, double eps, double weightDecay,
            double momentumDecay) {
        UpdateRule rule = Optimizers.configure("nadam", "lr=" + lr + " beta1=" + beta1 + " beta2=" + beta2 + " eps=" + eps
                + " weight_decay=" + weightDecay + " momentum_decay=" + momentumDecay);
        ReferenceCase reference = ReferenceSet.standard().cases("optimizer").get(0);
        DMatrixRMaj param = ReferenceCase.matrix(reference.at("p0"));
        DMatrixRMaj[] slots = Optimizers.freshSlots(rule, param);
        double[] theta = param.data.clone();
        double[] m = new double[theta.length];
        double[] v = new double[theta.length];
        for (int t = 1; t <= reference.at("steps").asInt(); t++) {
            DMatrixRMaj grad = ReferenceCase.matrix(reference.at("grads").get(t - 1));
            rule.apply(param, grad, slots, rule.learningRate(t - 1));
            double muT = mu(beta1, momentumDecay, t);
            double muNext = mu(beta1, momentumDecay, t + 1);
            double productToT = 1;
            for (int k = 1; k <= t; k++) {
                productToT *= mu(beta1, momentumDecay, k);
            }
            double productToNext = productToT * muNext;
            for (int i = 0; i < theta.length; i++) {
                double g = grad.data[i] + weightDecay * theta[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = muNext * m[i] / (1 - productToNext) + (1 - muT) * g / (1 - productToT);
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                theta[i] = theta[i] - lr * mHat / (Math.sqrt(vHat) + eps);
            }
            assertClose(theta, param.data, "step " + t);
        }
    }

    private static double mu(double beta1, double momentumDecay, int t) {
        return beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
    }

    private static void assertClose(double[] expected, double[] actual, String where) {
        for (int i = 0; i < expected.length; i++) {
            int index = i;
            assertTrue(Math.abs(actual[i] - expected[i]) <= RELATIVE_TOLERANCE * Math.abs(expected[i]),
                    () -> where + ", element " + index + ": expected " + expected[index] + ", got " + actual[index]);
        }
    }
}
