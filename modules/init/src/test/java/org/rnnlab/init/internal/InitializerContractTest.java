package org.rnnlab.init.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnlab.init.internal.Initializers.LSTM_BIAS;
import static org.rnnlab.init.internal.Initializers.LSTM_RECURRENT;
import static org.rnnlab.init.internal.Initializers.assertOneLineError;
import static org.rnnlab.init.internal.Initializers.fill;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.core.random.Xoshiro256;

/** What every initializer promises: reproducible from the seed, strict about options and shapes. */
class InitializerContractTest {
    /** Every registered initializer with options it needs and a parameter it applies to. */
    static Stream<Arguments> initializers() {
        return Stream.of(
                Arguments.of("zero", "", LSTM_RECURRENT),
                Arguments.of("constant", "value=0.25", LSTM_RECURRENT),
                Arguments.of("uniform", "", LSTM_RECURRENT),
                Arguments.of("normal", "", LSTM_RECURRENT),
                Arguments.of("xavier-uniform", "", LSTM_RECURRENT),
                Arguments.of("xavier-normal", "", LSTM_RECURRENT),
                Arguments.of("he-uniform", "", LSTM_RECURRENT),
                Arguments.of("he-normal", "", LSTM_RECURRENT),
                Arguments.of("lecun-normal", "", LSTM_RECURRENT),
                Arguments.of("orthogonal", "", LSTM_RECURRENT),
                Arguments.of("identity", "", LSTM_RECURRENT),
                Arguments.of("spectral", "sparsity=0.4", LSTM_RECURRENT),
                Arguments.of("forget-bias", "", LSTM_BIAS),
                Arguments.of("chrono", "tmax=50", LSTM_BIAS));
    }

    /** Deterministic initializers, whose values do not depend on the seed. */
    private static final Set<String> DETERMINISTIC = Set.of("zero", "constant", "identity", "forget-bias");

    @Test
    void theContractCoversEveryRegisteredInitializer() {
        assertEquals(Initializers.COMPONENTS.names(Initializer.class),
                initializers().map(a -> (String) a.get()[0]).collect(java.util.stream.Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("initializers")
    void sameSeedGivesSameValuesAndEveryElementIsWritten(String name, String options, ParameterSpec spec) {
        Initialization init = Initializers.configure(name, options);
        DMatrixRMaj first = fill(init, spec, 3);
        assertArrayEquals(first.data, fill(Initializers.configure(name, options), spec, 3).data);
        assertFalse(Arrays.stream(first.data).anyMatch(Double::isNaN), name + " left an element unwritten");
        if (!DETERMINISTIC.contains(name)) {
            assertFalse(Arrays.equals(first.data, fill(init, spec, 4).data), name + " ignores the seed");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("initializers")
    void unknownOptionIsRejected(String name, String options, ParameterSpec spec) {
        assertOneLineError("unknown option 'nosuch' for " + name + "; accepted: ",
                () -> Initializers.configure(name, options + " nosuch=1"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("initializers")
    void wrongTargetShapeIsRejected(String name, String options, ParameterSpec spec) {
        Initialization init = Initializers.configure(name, options);
        assertThrows(IllegalArgumentException.class,
                () -> init.fill(new DMatrixRMaj(spec.rows() + 1, spec.cols()), spec, new Xoshiro256(1)));
    }
}
