package org.rnnlab.core.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.PreparedOperand;
import org.rnnlab.api.backend.Shares;
import org.rnnlab.core.backend.JavaGemm;

/**
 * How threads split a window: by sequences when each can have one, by units otherwise; where
 * each share meets the others; and a step's products on a share of the sequences touching only
 * its rows.
 */
class UnitsTest {
    private static final int HIDDEN = 16;
    private static final int GATES = 4;

    @Test
    void sharesSplitTheSequencesWhenEachCanHaveOne() {
        int[][] expected = {{0, 2}, {2, 5}};
        for (int i = 0; i < 2; i++) {
            Units units = Units.of(new CountingShare(i, 2), 5, HIDDEN, GATES * HIDDEN);
            assertEquals(expected[i][0], units.firstSequence(), "share " + i);
            assertEquals(expected[i][1], units.endSequence(), "share " + i);
            assertTrue(units.all(), "every unit");
        }
        Units last = Units.of(new CountingShare(2, 3), 3, HIDDEN, GATES * HIDDEN);
        assertEquals(2, last.firstSequence());
        assertEquals(3, last.endSequence());
    }

    @Test
    void largeRecurrentWeightsSplitTheUnits() {
        int largest = (int) Math.sqrt(Units.SEQUENCES_UP_TO_WEIGHT_BYTES / Double.BYTES / GATES);
        assertEquals(16, Units.of(new CountingShare(1, 2), 32, largest, GATES * largest).firstSequence(),
                "an LSTM of " + largest + " units still splits its sequences");
        Units units = Units.of(new CountingShare(1, 2), 32, largest + 4, GATES * (largest + 4));
        assertEquals(0, units.firstSequence(), "a larger one splits its units");
        assertEquals(32, units.endSequence());
        assertEquals((largest + 4) / 2 / 4 * 4, units.from());
    }

    /** Products that lay W out once (native with AVX-512) keep the split by sequences up to a larger W. */
    @Test
    void productsThatLayOutTheWeightsSplitTheSequencesUpToALargerMatrix() {
        MatrixBackend layingOut = new MatrixBackend() {
            @Override
            public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset,
                    int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc) {
                JavaGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                        cOffset, ldc);
            }

            @Override
            public PreparedOperand prepare(boolean transB, int n, int k, double[] b, int bOffset, int ldb,
                    PreparedOperand previous) {
                return new PreparedOperand(transB, n, k, b, bOffset, ldb, b.clone());
            }
        };
        int blasLargest = (int) Math.sqrt(Units.SEQUENCES_UP_TO_WEIGHT_BYTES / Double.BYTES / GATES);
        int largest = (int) Math.sqrt(Units.SEQUENCES_UP_TO_LAID_OUT_WEIGHT_BYTES / Double.BYTES / GATES);
        assertTrue(largest > blasLargest);
        assertEquals(16, Units.of(new CountingShare(1, 2, layingOut), 32, largest, GATES * largest).firstSequence(),
                "an LSTM of " + largest + " units still splits its sequences");
        assertEquals(0, Units.of(new CountingShare(1, 2, layingOut), 32, largest + 4, GATES * (largest + 4))
                .firstSequence(), "a larger one splits its units");
        assertEquals(0, Units.of(new CountingShare(1, 2), 32, largest, GATES * largest).firstSequence(),
                "on products that do not lay W out, the same W splits its units");
    }

    @Test
    void aBatchSmallerThanTheThreadsSplitsTheUnits() {
        Units units = Units.of(new CountingShare(1, 3), 2, HIDDEN, GATES * HIDDEN);
        assertEquals(4, units.from());
        assertEquals(8, units.to());
        assertEquals(0, units.firstSequence());
        assertEquals(2, units.endSequence());
        assertSame(units, units.columns(), "a share of the units already holds every sequence");
    }

    @Test
    void sharesOfTheSequencesMeetOnlyAroundWholeWindowWork() {
        CountingShare share = new CountingShare(0, 2);
        Units units = Units.of(share, 4, HIDDEN, GATES * HIDDEN);
        units.awaitOthers();
        assertEquals(0, share.meetings, "a step reads only the share's own rows");
        units.awaitWindow();
        assertEquals(1, share.meetings);
        Units columns = units.columns();
        assertEquals(0, columns.from());
        assertEquals(8, columns.to());
        assertEquals(0, columns.firstSequence());
        assertEquals(4, columns.endSequence());
    }

    @Test
    void sharesOfTheUnitsMeetAtEveryStep() {
        CountingShare share = new CountingShare(0, 2);
        Units units = Units.of(share, 1, HIDDEN, GATES * HIDDEN);
        units.awaitOthers();
        units.awaitWindow();
        assertEquals(1, share.meetings, "every step, and nothing more around the window");
    }

    @Test
    void aColumnSumNeedsEverySequence() {
        Units units = Units.of(new CountingShare(1, 2), 4, HIDDEN, GATES * HIDDEN);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> units.addColumnSums(new double[4 * GATES * HIDDEN], 0, 4, new double[GATES * HIDDEN]));
        assertEquals("a column sum needs every sequence; this share holds 2 to 4 of 4", refused.getMessage());
    }

    /** Each share's rows of a step's products are the whole product's rows; other rows stay as they were. */
    @Test
    void aShareOfTheSequencesMultipliesItsRowsOnly() {
        int batch = 5;
        int width = GATES * HIDDEN;
        Random random = new Random(3);
        double[] previous = random.doubles(batch * HIDDEN).toArray();
        double[] weights = random.doubles(width * HIDDEN).toArray();
        double[] gradients = random.doubles(batch * width).toArray();
        double[] wholeForward = random.doubles(batch * width).toArray();
        double[] wholeBack = random.doubles(batch * HIDDEN).toArray();
        double[] sharedForward = wholeForward.clone();
        double[] sharedBack = wholeBack.clone();
        double[] before = wholeForward.clone();
        double[] backBefore = wholeBack.clone();
        Units.all(batch, HIDDEN, width, JavaGemm.INSTANCE).recurrentProduct(previous, 0, weights, GATES, 1,
                wholeForward, 0, width);
        Units.all(batch, HIDDEN, width, JavaGemm.INSTANCE).backProduct(gradients, 0, width, weights, GATES, null,
                wholeBack, 0);
        Units second = Units.of(new CountingShare(1, 2), batch, HIDDEN, width);
        second.recurrentProduct(previous, 0, weights, GATES, 1, sharedForward, 0, width);
        second.backProduct(gradients, 0, width, weights, GATES, null, sharedBack, 0);
        for (int b = 0; b < batch; b++) {
            boolean own = b >= 2;
            assertArrayEquals(java.util.Arrays.copyOfRange(own ? wholeForward : before, b * width, (b + 1) * width),
                    java.util.Arrays.copyOfRange(sharedForward, b * width, (b + 1) * width), 0.0, "forward row " + b);
            assertArrayEquals(java.util.Arrays.copyOfRange(own ? wholeBack : backBefore, b * HIDDEN, (b + 1) * HIDDEN),
                    java.util.Arrays.copyOfRange(sharedBack, b * HIDDEN, (b + 1) * HIDDEN), 0.0, "back row " + b);
        }
    }

    /** A share that counts its meetings and multiplies with the java backend. */
    private static final class CountingShare implements Shares.Share {
        private final int index;
        private final int count;
        private final MatrixBackend products;
        int meetings;

        CountingShare(int index, int count) {
            this(index, count, JavaGemm.INSTANCE);
        }

        CountingShare(int index, int count, MatrixBackend products) {
            this.index = index;
            this.count = count;
            this.products = products;
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public MatrixBackend products() {
            return products;
        }

        @Override
        public void awaitOthers() {
            meetings++;
        }
    }
}
