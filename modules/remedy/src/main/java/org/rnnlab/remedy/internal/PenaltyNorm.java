package org.rnnlab.remedy.internal;

/** The element-wise terms of the weight penalties and their derivatives. */
enum PenaltyNorm {
    /** |w|, with the subgradient 0 at w = 0 (as sign(0) = 0 in PyTorch's autograd of abs). */
    L1 {
        @Override
        double accumulate(double[] w, double[] g, int n, double lambda) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.abs(w[i]);
                g[i] += lambda * Math.signum(w[i]);
            }
            return sum;
        }
    },
    /** w², whose derivative 2w makes λ·Σw² weight decay of 2λ in PyTorch's terms. */
    L2 {
        @Override
        double accumulate(double[] w, double[] g, int n, double lambda) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += w[i] * w[i];
                g[i] += lambda * 2 * w[i];
            }
            return sum;
        }
    };

    /** Adds λ·f'(w) to {@code g} and returns Σ f(w), over the first {@code n} elements. */
    abstract double accumulate(double[] w, double[] g, int n, double lambda);
}
