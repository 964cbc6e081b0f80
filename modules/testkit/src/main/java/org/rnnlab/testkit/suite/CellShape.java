package org.rnnlab.testkit.suite;

/** Sizes one check of a cell runs with: input and hidden sizes, sequences per window, steps. */
public record CellShape(int input, int hidden, int batch, int steps) {
    @Override
    public String toString() {
        return "input " + input + ", hidden " + hidden + ", batch " + batch + ", " + steps + " steps";
    }
}
