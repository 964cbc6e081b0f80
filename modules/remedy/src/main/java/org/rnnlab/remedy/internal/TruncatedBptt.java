package org.rnnlab.remedy.internal;

import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.api.remedy.Truncation;

/**
 * Truncated backpropagation through time, BPTT(k2; k1) of Williams &amp; Peng 1990, written
 * TBPTT(k1, k2) by Sutskever 2013: the run updates every k1 steps from gradients that flow back
 * at most k2 steps, carrying the hidden state forward across windows. The remedy only states the
 * truncation; the run implements the windows.
 */
record TruncatedBptt(Truncation truncation) implements Remedy {
    @Override
    public HookPoint hookPoint() {
        return HookPoint.WINDOW;
    }
}
