package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.core.random.Xoshiro256;
import org.rnnlab.testkit.DeclarativeComponents;

/** The bundle's initializers by the names they register with, and what tests do with them. */
final class Initializers {
    /** The components declared by the descriptors on the test class path: this bundle's. */
    static final DeclarativeComponents COMPONENTS = DeclarativeComponents.onClassPath();
    static final List<String> LSTM_GATES = List.of("i", "f", "g", "o");
    static final List<String> GRU_GATES = List.of("r", "z", "n");
    /** An LSTM's recurrent weights for H = 5: four square 5x5 gate blocks. */
    static final ParameterSpec LSTM_RECURRENT = new ParameterSpec("weight_hh", 4 * 5, 5,
            ParameterRole.RECURRENT_WEIGHTS, LSTM_GATES, true);
    /** An LSTM's first bias for H = 5, a 1 x 20 row. */
    static final ParameterSpec LSTM_BIAS = new ParameterSpec("bias_ih", 1, 4 * 5, ParameterRole.BIAS, LSTM_GATES, true);

    private Initializers() {
    }

    static Initializer named(String name) {
        return COMPONENTS.require(Initializer.class, name);
    }

    /** {@code keyValues} as "k=v k=v" (blank for none), owned by {@code name} as the trainer does. */
    static Initialization configure(String name, String keyValues) {
        return named(name).configure(options(name, keyValues));
    }

    static Options options(String owner, String keyValues) {
        return DeclarativeComponents.options(owner, keyValues);
    }

    /** A fresh matrix of NaN, so an element the initializer misses shows. */
    static DMatrixRMaj fill(Initialization init, ParameterSpec spec, long seed) {
        DMatrixRMaj target = new DMatrixRMaj(spec.rows(), spec.cols());
        target.fill(Double.NaN);
        init.fill(target, spec, new Xoshiro256(seed));
        return target;
    }

    static ParameterSpec spec(String name, int rows, int cols, ParameterRole role, List<String> gates) {
        return new ParameterSpec(name, rows, cols, role, gates, true);
    }

    /** The message a person reads: one line, naming what was wrong. */
    static void assertOneLineError(String expectedFragment, Runnable action) {
        RnnlabException e = assertThrows(RnnlabException.class, action::run);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
    }
}
