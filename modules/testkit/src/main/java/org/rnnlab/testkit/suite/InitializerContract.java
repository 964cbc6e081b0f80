package org.rnnlab.testkit.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.cell.ParameterRole;
import org.rnnlab.api.cell.ParameterSpec;
import org.rnnlab.api.init.Initialization;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.core.random.Xoshiro256;

/**
 * Everything rnnlab requires of an initializer, as a JUnit 5 test class to extend: implement
 * {@link #initializer()} (and {@link #options()} if it needs some). Parameters of every role and
 * of the shapes cells use (square, wide, tall, 1 x n biases, gate-stacked) are filled.
 */
public abstract class InitializerContract {
    private static final List<ParameterSpec> SHAPES = List.of(
            ParameterSpec.of("weight_hh", 6, 6, ParameterRole.RECURRENT_WEIGHTS),
            ParameterSpec.of("weight_ih", 8, 3, ParameterRole.INPUT_WEIGHTS),
            ParameterSpec.of("weight", 2, 9, ParameterRole.OUTPUT_WEIGHTS),
            ParameterSpec.of("bias", 1, 5, ParameterRole.BIAS),
            ParameterSpec.of("bias", 1, 1, ParameterRole.OUTPUT_BIAS),
            new ParameterSpec("weight_hh", 12, 3, ParameterRole.RECURRENT_WEIGHTS, List.of("i", "f", "g", "o"), true));

    /** The initializer under test. */
    protected abstract Initializer initializer();

    /** The options it is configured with; none by default. */
    protected Map<String, String> options() {
        return Map.of();
    }

    /** False for an initializer that draws nothing (a constant): then different seeds may give the same values. */
    protected boolean draws() {
        return true;
    }

    private Initialization configured() {
        return initializer().configure(Options.of("initializer", options()));
    }

    @Test
    void fillsEveryElementWithAFiniteValueWhateverWasThere() {
        for (ParameterSpec spec : SHAPES) {
            DMatrixRMaj fromNan = new DMatrixRMaj(spec.rows(), spec.cols());
            Arrays.fill(fromNan.data, Double.NaN);
            DMatrixRMaj fromZero = new DMatrixRMaj(spec.rows(), spec.cols());
            configured().fill(fromNan, spec, new Xoshiro256(7));
            configured().fill(fromZero, spec, new Xoshiro256(7));
            assertTrue(Arrays.stream(fromNan.data).allMatch(Double::isFinite),
                    "left an element non-finite or unwritten in a " + spec.rows() + "x" + spec.cols() + " " + spec.role().key());
            assertArrayEquals(fromZero.data, fromNan.data, "the values depend on what the target held before ("
                    + spec.role().key() + " " + spec.rows() + "x" + spec.cols() + ")");
        }
    }

    @Test
    void theSameSeedGivesTheSameValuesAndAnotherSeedOthers() {
        for (ParameterSpec spec : SHAPES) {
            DMatrixRMaj a = fill(spec, 11);
            assertArrayEquals(a.data, fill(spec, 11).data, "two fills from generators of one seed differ: draw only from "
                    + "the generator passed in");
            if (draws() && spec.size() > 1) {
                assertFalse(Arrays.equals(a.data, fill(spec, 12).data), "another seed gave the same values; if this "
                        + "initializer draws nothing, override draws() to say so");
            }
        }
    }

    @Test
    void anUnknownOptionIsRefusedInOneLine() {
        RnnlabException refused = assertThrows(RnnlabException.class,
                () -> initializer().configure(Options.of("initializer", Map.of("no-such-option", "1"))),
                "configure must validate its options and refuse one it does not know");
        assertEquals(1, refused.getMessage().lines().count(), "a one-line message: " + refused.getMessage());
    }

    private DMatrixRMaj fill(ParameterSpec spec, long seed) {
        DMatrixRMaj target = new DMatrixRMaj(spec.rows(), spec.cols());
        configured().fill(target, spec, new Xoshiro256(seed));
        return target;
    }
}
