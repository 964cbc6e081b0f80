package org.rnnlab.api.remedy;

/**
 * Truncated backpropagation through time (Williams &amp; Peng 1990): every {@code k1} steps the
 * parameters are updated from gradients that flow back at most {@code k2} steps. The hidden
 * state is carried forward across windows; gradients stop at the window boundary.
 * {@code k1 == k2} is the common chunked form.
 */
public record Truncation(int k1, int k2) {
    public Truncation {
        if (k1 < 1 || k2 < k1) {
            throw new IllegalArgumentException("truncation needs 1 <= k1 <= k2, got k1=" + k1 + " k2=" + k2);
        }
    }
}
