package org.rnnlab.trainer.internal.model;

import org.ejml.data.DMatrixRMaj;

/**
 * Moves column ranges of time-major window matrices (row {@code t * batch + b}), optionally
 * reversing time: how a bidirectional layer feeds its backward direction and concatenates the
 * two directions' outputs.
 */
public final class TimeBlocks {
    private TimeBlocks() {
    }

    /** dst[t'][b][dstCol..+width) = src[t][b][srcCol..+width), t' = reverse ? steps-1-t : t. */
    public static void copy(DMatrixRMaj src, int srcCol, DMatrixRMaj dst, int dstCol, int width, int steps, int batch,
            boolean reverse) {
        for (int t = 0; t < steps; t++) {
            int target = reverse ? steps - 1 - t : t;
            for (int b = 0; b < batch; b++) {
                System.arraycopy(src.data, (t * batch + b) * src.numCols + srcCol,
                        dst.data, (target * batch + b) * dst.numCols + dstCol, width);
            }
        }
    }

    /** Like {@link #copy} but adds into dst. */
    public static void add(DMatrixRMaj src, int srcCol, DMatrixRMaj dst, int dstCol, int width, int steps, int batch,
            boolean reverse) {
        for (int t = 0; t < steps; t++) {
            int target = reverse ? steps - 1 - t : t;
            for (int b = 0; b < batch; b++) {
                int from = (t * batch + b) * src.numCols + srcCol;
                int to = (target * batch + b) * dst.numCols + dstCol;
                for (int j = 0; j < width; j++) {
                    dst.data[to + j] += src.data[from + j];
                }
            }
        }
    }
}
