package org.rnnlab.backend.blas;

import dev.ludovic.netlib.blas.BLAS;

/** The outcome of loading one netlib implementation: the BLAS to use, or why there is none. */
record Availability(BLAS blas, String reason) {
    static Availability of(BLAS blas) {
        return new Availability(blas, null);
    }

    static Availability missing(String reason) {
        return new Availability(null, reason);
    }

    boolean available() {
        return blas != null;
    }
}
