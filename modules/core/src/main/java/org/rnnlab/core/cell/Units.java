package org.rnnlab.core.cell;

import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.backend.Shares;

/**
 * The hidden units {@code [from, to)} one thread computes for every step of a window, with the
 * backend its products go to. A window cell writes its equations for a share of units: every
 * gate block's columns of those units, every product's output columns of those units, and
 * {@link #awaitOthers} once a step's results are written, before anything reads other units of
 * them. With one thread the share is all units and {@link #awaitOthers} does nothing.
 *
 * <p>Shares start at multiples of four units, so the vector kernels and the java backend's
 * 4 x 4 tiles keep their full width.
 */
public final class Units {
    private static final int ALIGNMENT = 4;

    private final int from;
    private final int to;
    private final int hidden;
    private final MatrixBackend products;
    private final Shares.Share share;
    /** This share's rows of W^T in the trace, and the W they were taken from (WindowCell#backProduct). */
    double[] transposed;
    double[] transposedFrom;

    private Units(int from, int to, int hidden, MatrixBackend products, Shares.Share share) {
        this.from = from;
        this.to = to;
        this.hidden = hidden;
        this.products = products;
        this.share = share;
    }

    /** All units on the calling thread. */
    static Units all(int hidden, MatrixBackend products) {
        return new Units(0, hidden, hidden, products, null);
    }

    /** The share's part of {@code hidden} units: equal blocks aligned to four, the last takes the rest. */
    static Units of(Shares.Share share, int hidden) {
        int count = share.count();
        if (count == 1) {
            return all(hidden, share.products());
        }
        int block = Math.max(ALIGNMENT, hidden / count / ALIGNMENT * ALIGNMENT);
        int from = Math.min(hidden, share.index() * block);
        int to = share.index() == count - 1 ? hidden : Math.min(hidden, from + block);
        return new Units(from, to, hidden, share.products(), share);
    }

    /** The first unit of the share. */
    public int from() {
        return from;
    }

    /** One past the last unit of the share. */
    public int to() {
        return to;
    }

    /** How many units the share holds (0 is possible with more threads than blocks of four). */
    public int count() {
        return to - from;
    }

    /** Whether the share is every unit (one thread). */
    public boolean all() {
        return from == 0 && to == hidden;
    }

    /** Where this share's products go: on its own thread. */
    public MatrixBackend products() {
        return products;
    }

    /** Waits until every share has written what precedes this call; see {@link Shares.Share#awaitOthers}. */
    public void awaitOthers() {
        if (share != null) {
            share.awaitOthers();
        }
    }
}
