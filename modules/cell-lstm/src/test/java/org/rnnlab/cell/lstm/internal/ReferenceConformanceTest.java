package org.rnnlab.cell.lstm.internal;

import org.junit.jupiter.api.Test;
import org.rnnlab.reference.ReferenceSet;
import org.rnnlab.testkit.Conformance;

/** Forward and backward against PyTorch's float64 {@code nn.LSTM}, c included: every lstm case ({@link Conformance}). */
class ReferenceConformanceTest {
    @Test
    void matchesPyTorch() {
        Conformance.assertAllPassed(Conformance.rnnCases(ReferenceSet.standard(), new LstmCellType(), "lstm"), "lstm");
    }
}
