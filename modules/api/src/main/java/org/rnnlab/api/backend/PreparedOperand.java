package org.rnnlab.api.backend;

/**
 * The right-hand operand op(B) ({@code k x n}) of many products, as a backend laid it out once
 * ({@link MatrixBackend#prepare}): a recurrent weight matrix, by which every step of a window
 * multiplies. It names the array it was made from; {@link #layout} is the backend's own (null
 * when the backend keeps none and its products read B itself).
 *
 * @param transposed whether op(B) is B's transpose
 * @param n          columns of op(B)
 * @param k          rows of op(B)
 * @param source     the row-major array B is in
 * @param offset     where B starts in it
 * @param ld         B's row stride
 * @param layout     what the backend made of it, or null
 */
public record PreparedOperand(boolean transposed, int n, int k, double[] source, int offset, int ld, Object layout) {
}
