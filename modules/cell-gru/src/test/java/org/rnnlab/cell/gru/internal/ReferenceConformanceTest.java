package org.rnnlab.cell.gru.internal;

import org.junit.jupiter.api.Test;
import org.rnnlab.reference.ReferenceSet;
import org.rnnlab.testkit.Conformance;

/** Forward and backward against PyTorch's float64 {@code nn.GRU}: every gru case ({@link Conformance}). */
class ReferenceConformanceTest {
    @Test
    void matchesPyTorch() {
        Conformance.assertAllPassed(Conformance.rnnCases(ReferenceSet.standard(), new GruCellType(), "gru"), "gru");
    }
}
