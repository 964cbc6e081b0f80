package org.rnnlab.core.backend;

import org.ejml.data.DMatrixRMaj;

/**
 * Window matrices that a BLAS reads in blocks of columns. When a run's threads split a product
 * C = A' B by rows of C (dW_hh = dA' h over a window, the head's dW = dY' h), each thread's A is a
 * block of A's columns, strided by A's full width. Netlib checks such an operand as
 * {@code offset + rows * ld <= length}, which a block that starts right of column 0 and ends in
 * the last row fails although it reads nothing outside; {@code NetlibGemm} then copies the block
 * (8 MB per step for dW_hh at H = 256 on two threads). A matrix made here holds one row more than
 * its size, so every column block passes the check and is read where it is.
 */
public final class BlasOperands {
    private BlasOperands() {
    }

    /** A {@code rows x cols} matrix whose array has room for one more row (never read). */
    public static DMatrixRMaj withSpareRow(int rows, int cols) {
        DMatrixRMaj matrix = new DMatrixRMaj(rows + 1, cols);
        matrix.reshape(rows, cols, false);
        return matrix;
    }
}
