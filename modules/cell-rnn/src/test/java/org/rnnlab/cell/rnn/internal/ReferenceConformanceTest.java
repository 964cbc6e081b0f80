package org.rnnlab.cell.rnn.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.reference.ReferenceSet;
import org.rnnlab.testkit.Conformance;

/** Forward and backward against PyTorch's float64 {@code nn.RNN}: every case of each Elman mode ({@link Conformance}). */
class ReferenceConformanceTest {
    @ParameterizedTest
    @ValueSource(strings = {"rnn_tanh", "rnn_relu"})
    void matchesPyTorch(String mode) {
        Conformance.assertAllPassed(
                Conformance.rnnCases(ReferenceSet.standard(), Fixtures.cellType(mode.replace('_', '-')), mode), mode);
    }
}
