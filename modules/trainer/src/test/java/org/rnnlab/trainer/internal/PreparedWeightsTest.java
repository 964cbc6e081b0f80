package org.rnnlab.trainer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;

/** Parameters laid out once per pass for the few-row products, again after a change, into the same storage. */
class PreparedWeightsTest {
    private final double[] weights = {1, 2, 3, 4, 5, 6};
    private final double[] state = {1, 1};
    private final SnapshotBackend backend = new SnapshotBackend();
    private final PreparedWeights prepared = new PreparedWeights(backend);

    /** h (1 x 2) by W^T for W 3 x 2: the three gate sums. */
    private double[] step() {
        double[] gates = new double[3];
        prepared.gemm(false, true, 1, 3, 2, 1, state, 0, 2, weights, 0, 2, 0, gates, 0, 3);
        return gates;
    }

    @Test
    void aParameterIsLaidOutOncePerPassAndAgainIntoItsStorageAfterAChange() {
        prepared.parameters(List.of(weights));
        assertArrayEquals(new double[] {3, 7, 11}, step());
        assertArrayEquals(new double[] {3, 7, 11}, step());
        assertEquals(1, backend.given.size(), "the window's steps share one layout");

        weights[0] = 10; // the optimizer's update
        prepared.parametersChanged();
        assertArrayEquals(new double[] {12, 7, 11}, step());
        assertEquals(2, backend.given.size());
        assertEquals(null, backend.given.get(0));
        assertSame(backend.made.get(0), backend.given.get(1), "the earlier layout was handed back for its storage");
        assertEquals(0, backend.plain);
    }

    @Test
    void otherProductsGoToTheBackendAsTheyAre() {
        prepared.parameters(List.of(weights));
        double[] other = weights.clone();
        double[] c = new double[3];
        prepared.gemm(false, true, 1, 3, 2, 1, state, 0, 2, other, 0, 2, 0, c, 0, 3); // not a parameter
        prepared.gemm(true, false, 2, 2, 1, 1, state, 0, 2, weights, 0, 2, 0, new double[4], 0, 2); // A transposed
        assertEquals(2, backend.plain);
        assertEquals(0, backend.given.size());
    }

    /** Any number of rows goes through the layout: a share of a product's rows must be computed as the whole. */
    @Test
    void aProductOfManyRowsUsesTheLayoutToo() {
        prepared.parameters(List.of(weights));
        double[] rows = new double[2 * 1000];
        java.util.Arrays.fill(rows, 1);
        double[] c = new double[3 * 1000];
        prepared.gemm(false, true, 1000, 3, 2, 1, rows, 0, 2, weights, 0, 2, 0, c, 0, 3);
        assertEquals(0, backend.plain);
        assertEquals(11, c[3 * 999 + 2]);
    }

    /** A layout the backend refuses leaves nothing half made: the next product gets the same refusal, not another error. */
    @Test
    void aRefusedLayoutLeavesNoEntryBehind() {
        MatrixBackend refusing = new SnapshotBackend() {
            @Override
            public PreparedOperand prepare(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
                    PreparedOperand previous) {
                throw new IllegalArgumentException("B does not lie inside its array");
            }
        };
        PreparedWeights wrapped = new PreparedWeights(refusing);
        wrapped.parameters(List.of(weights));
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> wrapped.gemm(false, true, 1, 3, 2, 1, state, 0, 2, weights, 0, 2, 0, new double[3], 0, 3));
            assertEquals("B does not lie inside its array", e.getMessage());
        }
    }

    @Test
    void twoBlocksOfOneParameterHaveALayoutEach() {
        prepared.parameters(List.of(weights));
        double[] first = new double[1];
        double[] second = new double[1];
        prepared.gemm(false, true, 1, 1, 2, 1, state, 0, 2, weights, 0, 2, 0, first, 0, 1);
        prepared.gemm(false, true, 1, 1, 2, 1, state, 0, 2, weights, 2, 2, 0, second, 0, 1);
        prepared.gemm(false, true, 1, 1, 2, 1, state, 0, 2, weights, 2, 2, 0, second, 0, 1);
        assertEquals(3, first[0]);
        assertEquals(7, second[0]);
        assertEquals(2, backend.given.size());
    }
}
