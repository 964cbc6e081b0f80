package org.rnnlab.cell.gru.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The GRU's own window buffers. */
class GruTraceTest {
    /**
     * dW_hh is multiplied from the recurrent gradients; two threads split that product by its rows,
     * each taking a column block of this matrix down to its last row, which netlib reads in place
     * only when the array holds one more row (backend-blas's ColumnBlockTest).
     */
    @Test
    void theRecurrentGradientsKeepASpareRowForTheBlas() {
        int batch = 3;
        int capacity = 4;
        int hidden = 5;
        GruTrace window = new GruTrace(batch, capacity, 2, hidden);
        assertEquals(capacity * batch, window.recurrentGradients().numRows);
        assertEquals(3 * hidden, window.recurrentGradients().numCols);
        assertEquals((capacity * batch + 1) * 3 * hidden, window.recurrentGradients().data.length);
        assertEquals((capacity * batch + 1) * 3 * hidden, window.gateGradients().data.length);
    }
}
