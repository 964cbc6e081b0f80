package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.core.random.Xoshiro256;

/** What every initializer promises: reproducible from the seed, strict about options and shapes. */
class InitializerContractTest {
    static final ParameterSpec LSTM_RECURRENT = new ParameterSpec("weight_hh", 4 * 5, 5,
            ParameterRole.RECURRENT_WEIGHTS, List.of("i", "f", "g", "o"), true);

    static Stream<Initializer> initializers() {
        return Stream.of(new ZeroInitializer(), new XavierUniformInitializer(), new OrthogonalInitializer());
    }

    static DMatrixRMaj fill(Initialization init, ParameterSpec spec, long seed) {
        DMatrixRMaj target = new DMatrixRMaj(spec.rows(), spec.cols());
        target.fill(Double.NaN);
        init.fill(target, spec, new Xoshiro256(seed));
        return target;
    }

    static Options options(String owner, String... keyValues) {
        Options options = Options.of(owner, Map.of());
        for (int i = 0; i < keyValues.length; i += 2) {
            options = options.with(keyValues[i], keyValues[i + 1]);
        }
        return options;
    }

    /** The message a person reads: one line, naming the option. */
    static void assertOneLineError(String expectedFragment, Runnable configure) {
        RnnlabException e = assertThrows(RnnlabException.class, configure::run);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("initializers")
    void sameSeedGivesSameValuesAndEveryElementIsWritten(Initializer initializer) {
        Initialization init = initializer.configure(Options.empty());
        DMatrixRMaj first = fill(init, LSTM_RECURRENT, 3);
        assertArrayEquals(first.data, fill(init, LSTM_RECURRENT, 3).data);
        for (double value : first.data) {
            assertFalse(Double.isNaN(value));
        }
    }

    @ParameterizedTest
    @MethodSource("initializers")
    void unknownOptionIsRejected(Initializer initializer) {
        assertOneLineError("unknown option 'nosuch'", () -> initializer.configure(options("init", "nosuch", "1")));
    }

    @ParameterizedTest
    @MethodSource("initializers")
    void wrongTargetShapeIsRejected(Initializer initializer) {
        Initialization init = initializer.configure(Options.empty());
        assertThrows(IllegalArgumentException.class,
                () -> init.fill(new DMatrixRMaj(5, 5), LSTM_RECURRENT, new Xoshiro256(1)));
    }
}
